// Small games solved by hand, chosen where random games never go: exact ties, zero pivots,
// equilibria whose supports differ in size, and learning dynamics stopped after a given pass or
// round (SCIENCE.md §2: the agents' play in a delegation game).
import { describe, expect, it } from 'vitest';
import { fictitiousPlay, iteratedBestResponse } from '../../src/measures/learning-dynamics.ts';
import { outcomeCount, pureNashEquilibria } from '../../src/measures/normal-form.ts';
import type { NormalFormGame } from '../../src/measures/normal-form.ts';
import { mixedNashEquilibria } from '../../src/measures/support-enumeration.ts';

/** Two-player game from the row player's payoffs A[a][b] and the column player's B[a][b]. */
function bimatrix(a: number[][], b: number[][]): NormalFormGame {
  return { actions: [a.length, a[0].length], payoffs: [a.flat(), b.flat()] };
}

/** Each entry within 1e-12 of the expected profile, and as many equilibria as expected. */
function expectEquilibria(found: readonly (readonly (readonly number[])[])[], expected: number[][][]): void {
  expect(found).toHaveLength(expected.length);
  found.forEach((e, i) => e.forEach((mix, p) => mix.forEach((q, j) => expect(q).toBeCloseTo(expected[i][p][j], 12))));
}

describe('support enumeration on degenerate games', () => {
  it('a pure equilibrium found again on larger supports is listed once', () => {
    // A = [[1, 0], [1, 2]], B = [[1, 1], [0, 2]]. Pure: (0, 0) (row ties 1 = 1, column ties 1 = 1)
    // and (1, 1) (2 > 0 for both); (0, 1) and (1, 0) are not. On both full supports the
    // indifference equations y₀ = v, y₀ + 2y₁ = v give y = (1, 0), and x₀ = w, x₀ + 2x₁ = w give
    // x = (1, 0): (0, 0) again.
    const game = bimatrix([[1, 0], [1, 2]], [[1, 1], [0, 2]]);
    expectEquilibria(mixedNashEquilibria(game), [
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
    ]);
  });

  it('equilibria that share one player’s strategy are all kept', () => {
    // Row 0 strictly dominates; the column player is indifferent: (0, 0) and (0, 1) are the pure
    // equilibria. The full supports have no solution (row 1 earns 0, never row 0's 1).
    const game = bimatrix([[1, 1], [0, 0]], [[0, 0], [0, 0]]);
    expectEquilibria(mixedNashEquilibria(game), [
      [[1, 0], [1, 0]],
      [[1, 0], [0, 1]],
    ]);
  });

  it('keeps an equilibrium whose mix puts weight 0 on an action of its support', () => {
    // A = [[2, 0], [1, 1]], B = [[1, 1], [0, 2]]. Pure: (0, 0) and (1, 1). Full supports:
    // 2y₀ = y₀ + y₁ gives y = (½, ½), v = 1; x₀ = x₀ + 2x₁ gives x = (1, 0), w = 1; no action beats
    // v or w. So the row player plays 0 while the column player mixes evenly.
    const game = bimatrix([[2, 0], [1, 1]], [[1, 1], [0, 2]]);
    expectEquilibria(mixedNashEquilibria(game), [
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
      [[1, 0], [0.5, 0.5]],
    ]);
  });

  it('pivots on the row with the larger entry when the last row has none', () => {
    // A = [[1, 1], [0, 2]], B = [[2, 0], [0, 1]]. Eliminating the indifference system for y leaves
    // y₁'s coefficient 0 in row 0's equation and 2 in row 1's: y = (½, ½), v = 1. For x:
    // 2x₀ = x₁ gives x = (⅓, ⅔). Pure: (0, 0) and (1, 1).
    const game = bimatrix([[1, 1], [0, 2]], [[2, 0], [0, 1]]);
    expectEquilibria(mixedNashEquilibria(game), [
      [[1, 0], [1, 0]],
      [[0, 1], [0, 1]],
      [[1 / 3, 2 / 3], [0.5, 0.5]],
    ]);
  });

  it('in a game of zeros every pure profile is an equilibrium, and the singular full supports give none', () => {
    const game = bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]]);
    expectEquilibria(mixedNashEquilibria(game), [
      [[1, 0], [1, 0]],
      [[1, 0], [0, 1]],
      [[0, 1], [1, 0]],
      [[0, 1], [0, 1]],
    ]);
  });
});

describe('pure equilibria and game checks', () => {
  it('with no tolerance an exact best response still counts', () => {
    // Prisoner's dilemma: defect/defect is a best response for both with nothing to spare.
    const pd: NormalFormGame = { actions: [2, 2], payoffs: [[3, 0, 5, 1], [3, 5, 0, 1]] };
    expect(pureNashEquilibria(pd, { tolerance: 0 })).toEqual([3]);
  });

  it('names the action counts or payoff arrays at fault', () => {
    expect(() => outcomeCount({ actions: [], payoffs: [] })).toThrow(/action counts must be positive integers, got \[\]/);
    expect(() => outcomeCount({ actions: [2, 1.5], payoffs: [[], []] })).toThrow(/positive integers, got \[2, 1\.5\]/);
    expect(() => outcomeCount({ actions: [2, 2], payoffs: [[1, 2, 3, 4], [1, 2, 3]] })).toThrow(
      /need 2 payoff arrays of 4 joint actions each/,
    );
  });
});

describe('learning dynamics stopped early', () => {
  const stag: NormalFormGame = { actions: [2, 2], payoffs: [[2, 1, 1, 10], [2, 1, 1, 10]] };

  it('iterated best response: one pass switches player 0 but leaves no pass to confirm the equilibrium', () => {
    expect(iteratedBestResponse(stag, [1, 0], 1)).toEqual({ profile: [0, 0], outcome: 0, converged: false });
    expect(iteratedBestResponse(stag, [1, 0], 2)).toEqual({ profile: [0, 0], outcome: 0, converged: true });
  });

  it('iterated best response with no tolerance: keeping a best response is not a switch', () => {
    expect(iteratedBestResponse(stag, [0, 0], 5, 0)).toEqual({ profile: [0, 0], outcome: 0, converged: true });
  });

  it('fictitious play weighs a player’s payoffs by the others’ frequencies only', () => {
    // A = [[2, 1], [0, 3]]; the column player always prefers column 1 (B = [[0, 1], [0, 1]]).
    // Round 1, uniform beliefs: row actions are worth 1.5 and 1.5, the tie goes to row 0; column 1.
    // From round 2 the row player expects column 1: row 0 is worth 1, row 1 worth 3. Four rounds:
    // (0, 1) once, (1, 1) three times.
    const game = bimatrix([[2, 1], [0, 3]], [[0, 1], [0, 1]]);
    const { distribution, marginals } = fictitiousPlay(game, 4);
    expect(distribution).toEqual([0, 0.25, 0, 0.75]);
    expect(marginals).toEqual([[0.25, 0.75], [0, 1]]);
  });

  it('fictitious play of a single round is the best response to uniform beliefs', () => {
    expect(fictitiousPlay(stag, 1).distribution).toEqual([0, 0, 0, 1]);
  });
});
