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
 * - `bound/cooperation`, `bound/misalignment`, `bound/calibration`, `bound/total`: the
 *   three terms of Theorem 1 and their sum, which bounds `welfare_regret/principals`.
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

/** The series of one game under σ, in a fixed order; `names` names the principals. */
export function delegationMetrics(game: DelegationGame, sigma: Distribution, names: readonly string[]): [string, number][] {
  const bound = regretBound(game, sigma);
  const ratios = welfareRatios(game);
  return [
    ['welfare/principals', expectation(welfare(game.principals), sigma)],
    ['welfare/agents', expectation(welfare(game.agents), sigma)],
    ['welfare_regret/principals', welfareRegret(game.principals, sigma)],
    ['welfare_regret/agents', welfareRegret(game.agents, sigma)],
    ...names.map((name, i): [string, number] => [`alignment_distance/${name}`, alignmentDistance(game.principals[i], game.agents[i])]),
    ...names.flatMap((name, i): [string, number][] => (Number.isFinite(ratios[i]) ? [[`welfare_ratio/${name}`, ratios[i]]] : [])),
    ['collective_alignment/agents', collectiveAlignment(game.agents)],
    ['collective_alignment/principals', collectiveAlignment(game.principals)],
    ['bound/cooperation', bound.cooperation],
    ['bound/misalignment', bound.misalignment],
    ['bound/calibration', bound.calibration],
    ['bound/total', bound.total],
  ];
}
