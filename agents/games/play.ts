/**
 * How the agents of a delegation game play it: the outcome distribution σ their play
 * produces (SCIENCE.md §2), so that the agents' welfare regret (cooperation failure) comes
 * from an actual solution concept rather than being assumed.
 * - `worst-equilibrium`: the Nash equilibrium of the agents' game that is worst for the
 *   principals' welfare. Two-player games: among every equilibrium found by support
 *   enumeration (mixed ones included); larger games: among the pure Nash equilibria, or
 *   fictitious play when there is none.
 * - `worst-pure-equilibrium`: the pure ε-Nash equilibrium worst for the principals, as in the
 *   authors' grid scan (lrhammond/delegation-games): no agent can gain more than ε of the
 *   range of its payoffs over its own deviations; ε starts at `epsilon` and, while no profile
 *   qualifies, rises by 0.01 (the authors' rule; at ε = 1 every profile qualifies).
 * - `cooperative`: the outcome maximising the agents' own welfare (no cooperation failure).
 * - `fictitious-play`: the empirical joint distribution of `rounds` rounds of fictitious play.
 */
import type { Distribution } from '../../src/measures/delegation-games.ts';
import { fictitiousPlay } from '../../src/measures/learning-dynamics.ts';
import type { NormalFormDelegationGame, NormalFormGame } from '../../src/measures/normal-form.ts';
import {
  agentsGame,
  cooperativeOutcome,
  outcomeDistribution,
  pointMass,
  profileOf,
  pureNashEquilibria,
  worstFor,
} from '../../src/measures/normal-form.ts';
import { mixedNashEquilibria } from '../../src/measures/support-enumeration.ts';

export const PLAY_MODES = ['worst-equilibrium', 'worst-pure-equilibrium', 'cooperative', 'fictitious-play'] as const;
export type PlayMode = (typeof PLAY_MODES)[number];

export const FICTITIOUS_PLAY_ROUNDS = 200;

/** How far `worst-pure-equilibrium` relaxes ε at a time while no profile qualifies. */
const EPSILON_STEP = 0.01;

export interface PlayOptions {
  /** Rounds of fictitious play; default FICTITIOUS_PLAY_ROUNDS. */
  readonly rounds?: number;
  /** The relative ε of `worst-pure-equilibrium`; default 0 (pure Nash equilibria). */
  readonly epsilon?: number;
}

/** The outcome distribution of the agents' play. */
export function agentsPlay(game: NormalFormDelegationGame, mode: PlayMode, options: PlayOptions = {}): Distribution {
  const { rounds = FICTITIOUS_PLAY_ROUNDS, epsilon = 0 } = options;
  const played = agentsGame(game);
  const count = game.principals[0].length;
  switch (mode) {
    case 'cooperative':
      return pointMass(count, cooperativeOutcome(played));
    case 'worst-pure-equilibrium':
      return worstFor(
        game.principals,
        pureEpsilonEquilibria(played, epsilon).map((index) => pointMass(count, index)),
      );
    case 'fictitious-play':
      return fictitiousPlay(played, rounds).distribution;
    case 'worst-equilibrium': {
      const equilibria =
        game.actions.length === 2
          ? mixedNashEquilibria(played).map((mixed) => outcomeDistribution(game.actions, mixed))
          : pureNashEquilibria(played).map((index) => pointMass(count, index));
      return equilibria.length > 0 ? worstFor(game.principals, equilibria) : fictitiousPlay(played, rounds).distribution;
    }
  }
}

/** The pure relative ε-Nash equilibria, with ε raised by EPSILON_STEP until there is one. */
function pureEpsilonEquilibria(played: NormalFormGame, epsilon: number): number[] {
  for (let k = 0; ; k++) {
    const relaxed = Math.min(1, epsilon + k * EPSILON_STEP);
    const equilibria = pureNashEquilibria(played, { epsilon: relaxed, relative: true });
    if (equilibria.length > 0 || relaxed === 1) return equilibria;
  }
}

/** Each agent's marginal distribution over its own actions under σ. */
export function actionMarginals(actions: readonly number[], sigma: Distribution): number[][] {
  const marginals = actions.map((k) => new Array<number>(k).fill(0));
  sigma.forEach((p, index) => {
    if (p === 0) return;
    profileOf(actions, index).forEach((a, i) => (marginals[i][a] += p));
  });
  return marginals;
}
