/**
 * Every measure of a delegation game under the agents' play σ, as named per-step series
 * (SCIENCE.md §2; definitions in src/measures/delegation-games.ts):
 * - `welfare/principals`, `welfare/agents`: expected welfare E_σ[ŵ], E_σ[w];
 * - `welfare_regret/principals`, `welfare_regret/agents`: max w − E_σ[w] (the agents' is
 *   their cooperation failure by their own standards);
 * - `alignment_distance/<principal>`: d(û^i, u^i), its agent's distance from it;
 * - `welfare_ratio/<principal>`: r^i = m̂^i / m^i (left out when the agent is indifferent,
 *   m^i = 0, where the ratio is infinite);
 * - `collective_alignment/agents`, `collective_alignment/principals`;
 * - `bound/cooperation`, `bound/misalignment`, `bound/calibration`: the three terms of the
 *   authors' form of Theorem 1 at its minimising ratio `bound/ratio`; `bound/cap` the
 *   principals' largest possible welfare regret; `bound/authors` = min(terms' sum, cap);
 *   `bound/mean-ratio` the mean-ratio form; `bound/total` the smaller of the two, which
 *   bounds `welfare_regret/principals`.
 * Welfare is utilitarian: the sum over players (default) or, with `average`, the sum over n
 * (as in the authors' grid scan); averaging divides every welfare, regret and bound by n.
 * Default standardisation (uniform mean, 2-norm), as in the paper's experiments.
 */
import {
  alignmentDistance,
  collectiveAlignment,
  expectation,
  regretBound,
  welfare,
  welfareRatios,
  welfareRegret,
} from '../../src/measures/delegation-games.ts';
import type { DelegationGame, Distribution } from '../../src/measures/delegation-games.ts';

export type WelfareAggregate = 'sum' | 'average';

/** The series of one game under σ, in a fixed order; `names` names the principals. */
export function delegationMetrics(
  game: DelegationGame,
  sigma: Distribution,
  names: readonly string[],
  aggregate: WelfareAggregate = 'sum',
): [string, number][] {
  const scale = aggregate === 'average' ? 1 / game.principals.length : 1;
  const bound = regretBound(game, sigma);
  const ratios = welfareRatios(game);
  return [
    ['welfare/principals', scale * expectation(welfare(game.principals), sigma)],
    ['welfare/agents', scale * expectation(welfare(game.agents), sigma)],
    ['welfare_regret/principals', scale * welfareRegret(game.principals, sigma)],
    ['welfare_regret/agents', scale * welfareRegret(game.agents, sigma)],
    ...names.map((name, i): [string, number] => [`alignment_distance/${name}`, alignmentDistance(game.principals[i], game.agents[i])]),
    ...names.flatMap((name, i): [string, number][] => (Number.isFinite(ratios[i]) ? [[`welfare_ratio/${name}`, ratios[i]]] : [])),
    ['collective_alignment/agents', collectiveAlignment(game.agents)],
    ['collective_alignment/principals', collectiveAlignment(game.principals)],
    ['bound/cooperation', scale * bound.authors.cooperation],
    ['bound/misalignment', scale * bound.authors.misalignment],
    ['bound/calibration', scale * bound.authors.calibration],
    ['bound/ratio', bound.authors.ratio],
    ['bound/cap', scale * bound.authors.cap],
    ['bound/authors', scale * bound.authors.total],
    ['bound/mean-ratio', scale * bound.meanRatio.total],
    ['bound/total', scale * bound.total],
  ];
}
