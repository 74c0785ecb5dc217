// Mixed Nash equilibria of two-player games by support enumeration: the agents' equilibrium
// play whose worst case (for the principals) the paper's bound experiments score (SCIENCE.md §2).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { outcomeDistribution, pureNashEquilibria, profileOf } from '../../src/measures/normal-form.ts';
import type { MixedProfile, NormalFormGame } from '../../src/measures/normal-form.ts';
import { mixedNashEquilibria } from '../../src/measures/support-enumeration.ts';
import { RandomStream } from '../../src/kernel/random.ts';

/** Brute force: each player's expected payoff is within tol of its best pure reply. */
function isMixedNash(game: NormalFormGame, [x, y]: MixedProfile, tol = 1e-9): boolean {
  const [rows, cols] = game.actions;
  const sigma = outcomeDistribution(game.actions, [x, y]);
  const value = (i: number) => sigma.reduce((s, p, k) => s + p * game.payoffs[i][k], 0);
  for (let a = 0; a < rows; a++) {
    if (y.reduce((s, q, b) => s + q * game.payoffs[0][a * cols + b], 0) > value(0) + tol) return false;
  }
  for (let b = 0; b < cols; b++) {
    if (x.reduce((s, p, a) => s + p * game.payoffs[1][a * cols + b], 0) > value(1) + tol) return false;
  }
  return true;
}

const isDistribution = (p: readonly number[]) =>
  p.every((q) => q >= 0) && Math.abs(p.reduce((s, q) => s + q, 0) - 1) < 1e-12;

describe('mixedNashEquilibria', () => {
  it('matching pennies: the unique equilibrium is (½, ½) each', () => {
    const game: NormalFormGame = { actions: [2, 2], payoffs: [[1, -1, -1, 1], [-1, 1, 1, -1]] };
    const eqs = mixedNashEquilibria(game);
    expect(eqs).toHaveLength(1);
    eqs[0].flat().forEach((p) => expect(p).toBeCloseTo(0.5, 12));
  });

  it('battle of the sexes: two pure equilibria and the mixed (2/3, 1/3), (1/3, 2/3)', () => {
    const game: NormalFormGame = { actions: [2, 2], payoffs: [[2, 0, 0, 1], [1, 0, 0, 2]] };
    const eqs = mixedNashEquilibria(game);
    expect(eqs.slice(0, 2)).toEqual([
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
    ]);
    expect(eqs).toHaveLength(3);
    const [x, y] = eqs[2];
    expect(x[0]).toBeCloseTo(2 / 3, 12);
    expect(y[0]).toBeCloseTo(1 / 3, 12);
  });

  it('rock–paper–scissors: only uniform play (support size 3)', () => {
    const rps = [0, -1, 1, 1, 0, -1, -1, 1, 0];
    const eqs = mixedNashEquilibria({ actions: [3, 3], payoffs: [rps, rps.map((v) => -v)] });
    expect(eqs).toHaveLength(1);
    eqs[0].flat().forEach((p) => expect(p).toBeCloseTo(1 / 3, 12));
  });

  it('on random games every result passes the brute-force check, and the pure ones are exactly the pure equilibria', () => {
    // Payoffs drawn uniformly in [−5, 5] from a seed: nondegenerate with probability 1.
    const game = fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }))
      .map(([m, n, seed]): NormalFormGame => {
        const random = new RandomStream(seed, 'support-enumeration');
        return { actions: [m, n], payoffs: [0, 1].map(() => Array.from({ length: m * n }, () => random.uniform(-5, 5))) };
      });
    fc.assert(
      fc.property(game, (g) => {
        const eqs = mixedNashEquilibria(g);
        expect(eqs.length % 2).toBe(1); // a nondegenerate game has an odd number of equilibria
        for (const e of eqs) {
          expect(e.every(isDistribution)).toBe(true);
          expect(isMixedNash(g, e)).toBe(true);
        }
        const pure = eqs
          .filter((e) => e.every((p) => p.some((q) => q === 1)))
          .map((e) => e[0].indexOf(1) * g.actions[1] + e[1].indexOf(1));
        expect(pure.sort((a, b) => a - b)).toEqual(pureNashEquilibria(g));
        pure.forEach((k) => expect(profileOf(g.actions, k)).toHaveLength(2));
      }),
      { numRuns: 400 },
    );
  });

  it('rejects games that are not two-player', () => {
    expect(() => mixedNashEquilibria({ actions: [2], payoffs: [[1, 2]] })).toThrow(/two-player/);
  });
});
