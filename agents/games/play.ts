/**
 * How the agents of a delegation game play it: the outcome distribution σ their play
 * produces (SCIENCE.md §2), so that the agents' welfare regret (cooperation failure) comes
 * from an actual solution concept rather than being assumed.
 * - `worst-equilibrium`: the Nash equilibrium of the agents' game that is worst for the
 *   principals' welfare, as in the authors' experiments. Two-player games: every
 *   equilibrium found by support enumeration (mixed included); larger games: the pure Nash
 *   equilibria, or fictitious play when there is none.
 * - `cooperative`: the outcome maximising the agents' own welfare (no cooperation failure).
 * - `fictitious-play`: the empirical joint distribution of `rounds` rounds of fictitious play.
 */
import type { Distribution } from '../../src/measures/delegation-games.ts';
import { fictitiousPlay } from '../../src/measures/learning-dynamics.ts';
import type { NormalFormDelegationGame } from '../../src/measures/normal-form.ts';
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

export const PLAY_MODES = ['worst-equilibrium', 'cooperative', 'fictitious-play'] as const;
export type PlayMode = (typeof PLAY_MODES)[number];

export const FICTITIOUS_PLAY_ROUNDS = 200;

/** The outcome distribution of the agents' play. */
export function agentsPlay(game: NormalFormDelegationGame, mode: PlayMode, rounds = FICTITIOUS_PLAY_ROUNDS): Distribution {
  const played = agentsGame(game);
  const count = game.principals[0].length;
  switch (mode) {
    case 'cooperative':
      return pointMass(count, cooperativeOutcome(played));
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

/** Each agent's marginal distribution over its own actions under σ. */
export function actionMarginals(actions: readonly number[], sigma: Distribution): number[][] {
  const marginals = actions.map((k) => new Array<number>(k).fill(0));
  sigma.forEach((p, index) => {
    if (p === 0) return;
    profileOf(actions, index).forEach((a, i) => (marginals[i][a] += p));
  });
  return marginals;
}
