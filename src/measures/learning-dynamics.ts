/**
 * Deterministic learning dynamics for n-player normal-form games, for games too large for
 * support enumeration. Ties between best responses go to the lowest-numbered action.
 * - Iterated best response (round-robin): players in turn switch to a best response when
 *   it gains more than the tolerance; stops at a pure Nash equilibrium (a full pass with
 *   no switch) or after `maxPasses` passes (it may cycle).
 * - Fictitious play: each round every player best-responds to the product of the others'
 *   empirical action frequencies so far (round 1: to uniform play). The outcome
 *   distribution produced is the empirical joint distribution of the rounds played; the
 *   empirical marginals converge to a Nash equilibrium in, e.g., two-player zero-sum and
 *   potential games, but need not in general.
 */
import { argmax, deviationPayoffs, outcomeCount, outcomeIndex, profileOf } from './normal-form.ts';
import type { NormalFormGame, Profile } from './normal-form.ts';

export interface BestResponseResult {
  readonly profile: number[];
  readonly outcome: number;
  /** True iff the final profile is a pure Nash equilibrium. */
  readonly converged: boolean;
}

export interface FictitiousPlayResult {
  /** Empirical joint distribution over outcomes of the rounds played. */
  readonly distribution: number[];
  /** Each player's empirical action frequencies. */
  readonly marginals: number[][];
}

/** Iterated best response from `start` (default: every player's action 0). */
export function iteratedBestResponse(
  game: NormalFormGame,
  start: Profile = game.actions.map(() => 0),
  maxPasses = 1000,
  tolerance = 1e-12,
): BestResponseResult {
  outcomeCount(game);
  let index = outcomeIndex(game.actions, start);
  for (let pass = 0; pass < maxPasses; pass++) {
    let switched = false;
    for (let i = 0; i < game.actions.length; i++) {
      const payoffs = deviationPayoffs(game, i, index);
      const best = argmax(payoffs);
      const profile = profileOf(game.actions, index);
      if (payoffs[best] > payoffs[profile[i]] + tolerance) {
        profile[i] = best;
        index = outcomeIndex(game.actions, profile);
        switched = true;
      }
    }
    if (!switched) return { profile: profileOf(game.actions, index), outcome: index, converged: true };
  }
  return { profile: profileOf(game.actions, index), outcome: index, converged: false };
}

/** Fictitious play for `rounds` rounds. */
export function fictitiousPlay(game: NormalFormGame, rounds: number): FictitiousPlayResult {
  const count = outcomeCount(game);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`fictitious play: rounds must be a positive integer, got ${rounds}`);
  const counts = game.actions.map((k) => new Array<number>(k).fill(0));
  const joint = new Array<number>(count).fill(0);
  for (let t = 0; t < rounds; t++) {
    const beliefs = counts.map((c, i) => (t === 0 ? c.map(() => 1 / game.actions[i]) : c.map((x) => x / t)));
    const profile = game.actions.map((_, i) => argmax(expectedPayoffs(game, i, beliefs)));
    profile.forEach((a, i) => counts[i][a]++);
    joint[outcomeIndex(game.actions, profile)]++;
  }
  return { distribution: joint.map((x) => x / rounds), marginals: counts.map((c) => c.map((x) => x / rounds)) };
}

/** Player i's expected payoff for each own action when each other j plays beliefs[j]. */
function expectedPayoffs(game: NormalFormGame, player: number, beliefs: readonly number[][]): number[] {
  const values = new Array<number>(game.actions[player]).fill(0);
  const payoff = game.payoffs[player];
  for (let index = 0; index < payoff.length; index++) {
    const profile = profileOf(game.actions, index);
    const weight = profile.reduce((w, a, j) => (j === player ? w : w * beliefs[j][a]), 1);
    values[profile[player]] += weight * payoff[index];
  }
  return values;
}
