// Deterministic learning dynamics (iterated best response, fictitious play) producing the
// agents' outcome distribution in larger n-player delegation games (SCIENCE.md §2).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fictitiousPlay, iteratedBestResponse } from '../../src/measures/learning-dynamics.ts';
import type { NormalFormGame } from '../../src/measures/normal-form.ts';
import { isEpsilonNash, randomGame } from '../support/normal-form.ts';

const matchingPennies: NormalFormGame = { actions: [2, 2], payoffs: [[1, -1, -1, 1], [-1, 1, 1, -1]] };

describe('iteratedBestResponse', () => {
  it('reaches a pure equilibrium of every identical-interest game (a potential game)', () => {
    const common = randomGame(4, 3).map((g) => ({ ...g, payoffs: g.payoffs.map(() => g.payoffs[0]) }));
    fc.assert(
      fc.property(common, (game) => {
        const result = iteratedBestResponse(game);
        expect(result.converged).toBe(true);
        expect(isEpsilonNash(game, result.profile, 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('when it reports convergence on a random game, the profile is a pure equilibrium', () => {
    let converged = 0;
    fc.assert(
      fc.property(randomGame(), (game) => {
        const result = iteratedBestResponse(game, undefined, 50);
        if (result.converged) {
          converged++;
          expect(isEpsilonNash(game, result.profile, 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
    // The guard must not hide the check: most random games converge (268 of these 300), not all.
    expect(converged).toBeGreaterThan(150);
    expect(converged).toBeLessThan(300);
  });

  it('cycles on matching pennies (no pure equilibrium)', () => {
    expect(iteratedBestResponse(matchingPennies, [0, 0], 20).converged).toBe(false);
  });

  it('stag hunt from fruit/fruit stays there; from mammoth/fruit player 0 switches to fruit', () => {
    const stag: NormalFormGame = { actions: [2, 2], payoffs: [[2, 1, 1, 10], [2, 1, 1, 10]] };
    expect(iteratedBestResponse(stag, [0, 0])).toEqual({ profile: [0, 0], outcome: 0, converged: true });
    expect(iteratedBestResponse(stag, [1, 0])).toEqual({ profile: [0, 0], outcome: 0, converged: true });
    expect(iteratedBestResponse(stag, [1, 1])).toEqual({ profile: [1, 1], outcome: 3, converged: true });
  });
});

describe('fictitiousPlay', () => {
  it('matching pennies: empirical marginals approach (½, ½)', () => {
    const { marginals, distribution } = fictitiousPlay(matchingPennies, 4000);
    marginals.flat().forEach((p) => expect(Math.abs(p - 0.5)).toBeLessThan(0.02));
    expect(distribution.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it('prisoner’s dilemma: defection from round 1 (dominant), a point mass on defect/defect', () => {
    const pd: NormalFormGame = { actions: [2, 2], payoffs: [[3, 0, 5, 1], [3, 5, 0, 1]] };
    expect(fictitiousPlay(pd, 10).distribution).toEqual([0, 0, 0, 1]);
  });

  it('three-player coordination: best responses to uniform beliefs coordinate at once', () => {
    // Each player earns the number of others choosing its action; action 1 breaks ties worse.
    const actions = [2, 2, 2];
    const payoffs = [0, 1, 2].map((i) =>
      Array.from({ length: 8 }, (_, k) => {
        const profile = [(k >> 2) & 1, (k >> 1) & 1, k & 1];
        return profile.filter((a, j) => j !== i && a === profile[i]).length + (profile[i] === 0 ? 0.1 : 0);
      }),
    );
    expect(fictitiousPlay({ actions, payoffs }, 5).distribution).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('rejects a non-positive number of rounds', () => {
    expect(() => fictitiousPlay(matchingPennies, 0)).toThrow(/rounds/);
  });
});
