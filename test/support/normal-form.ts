import fc from 'fast-check';
import { outcomeIndex } from '../../src/measures/normal-form.ts';
import type { NormalFormGame } from '../../src/measures/normal-form.ts';

/** A random game: 1–4 players, 1–4 actions each, integer payoffs in [−3, 3] (ties common). */
export function randomGame(maxPlayers = 4, maxActions = 4): fc.Arbitrary<NormalFormGame> {
  return fc
    .array(fc.integer({ min: 1, max: maxActions }), { minLength: 1, maxLength: maxPlayers })
    .chain((actions) => {
      const count = actions.reduce((a, b) => a * b, 1);
      const payoff = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: count, maxLength: count });
      return fc.record({
        actions: fc.constant(actions),
        payoffs: fc.array(payoff, { minLength: actions.length, maxLength: actions.length }),
      });
    });
}

/** The oracle: no player has an action that beats its payoff at `profile` by more than ε. */
export function isEpsilonNash(game: NormalFormGame, profile: readonly number[], epsilon: number): boolean {
  const here = outcomeIndex(game.actions, profile);
  return game.actions.every((k, i) => {
    for (let a = 0; a < k; a++) {
      const deviation = [...profile];
      deviation[i] = a;
      if (game.payoffs[i][outcomeIndex(game.actions, deviation)] > game.payoffs[i][here] + epsilon) return false;
    }
    return true;
  });
}
