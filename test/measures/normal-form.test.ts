// Normal-form games over joint actions and pure (ε-)Nash equilibria: the agents' play that
// induces the outcome distribution σ of a delegation game (SCIENCE.md §2).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cooperativeOutcome,
  deviationPayoffs,
  outcomeCount,
  outcomeDistribution,
  outcomeIndex,
  pointMass,
  profileOf,
  pureNashEquilibria,
  worstFor,
} from '../../src/measures/normal-form.ts';
import type { NormalFormGame } from '../../src/measures/normal-form.ts';
import { isEpsilonNash, randomGame } from '../support/normal-form.ts';

const prisonersDilemma: NormalFormGame = {
  actions: [2, 2], // cooperate, defect
  payoffs: [
    [3, 0, 5, 1],
    [3, 5, 0, 1],
  ],
};

describe('joint-action indexing', () => {
  it('is row-major with player 0 most significant, and round-trips', () => {
    expect(outcomeIndex([2, 3], [1, 2])).toBe(5);
    expect(profileOf([2, 3, 4], 23)).toEqual([1, 2, 3]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }), fc.nat(), (actions, seed) => {
        const index = seed % actions.reduce((a, b) => a * b, 1);
        expect(outcomeIndex(actions, profileOf(actions, index))).toBe(index);
      }),
    );
  });

  it('deviation payoffs vary only the deviating player’s action', () => {
    const game: NormalFormGame = { actions: [2, 3], payoffs: [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]] };
    expect(deviationPayoffs(game, 0, 4)).toEqual([1, 4]);
    expect(deviationPayoffs(game, 1, 4)).toEqual([2, 1, 0]);
  });

  it('product distribution of mixed strategies', () => {
    expect(outcomeDistribution([2, 2], [[0.25, 0.75], [0.5, 0.5]])).toEqual([0.125, 0.125, 0.375, 0.375]);
  });

  it('rejects malformed games', () => {
    expect(() => outcomeCount({ actions: [2, 0], payoffs: [[], []] })).toThrow(/positive integers/);
    expect(() => outcomeCount({ actions: [2, 2], payoffs: [[1, 2, 3, 4]] })).toThrow(/payoff arrays/);
  });
});

describe('pure (ε-)Nash equilibria', () => {
  it('prisoner’s dilemma: only defect/defect; cooperation is the welfare optimum', () => {
    expect(pureNashEquilibria(prisonersDilemma)).toEqual([3]);
    expect(cooperativeOutcome(prisonersDilemma)).toBe(0);
    // Defecting gains 2 against a cooperator and 1 against a defector: with ε = 1 the
    // mixed profiles qualify, with ε = 2 all; relative to each own-deviation range (2 and 4
    // resp. 1), everything is within ε = 1 and only defect/defect within ε < 1.
    expect(pureNashEquilibria(prisonersDilemma, { epsilon: 1 })).toEqual([1, 2, 3]);
    expect(pureNashEquilibria(prisonersDilemma, { epsilon: 2 })).toEqual([0, 1, 2, 3]);
    expect(pureNashEquilibria(prisonersDilemma, { epsilon: 0.99, relative: true })).toEqual([3]);
    expect(pureNashEquilibria(prisonersDilemma, { epsilon: 1, relative: true })).toEqual([0, 1, 2, 3]);
  });

  it('agree with brute-force best-response checks on random games, for ε = 0 and ε = 1', () => {
    fc.assert(
      fc.property(randomGame(), fc.constantFrom(0, 1), (game, epsilon) => {
        const count = outcomeCount(game);
        const expected = Array.from({ length: count }, (_, k) => k).filter((k) =>
          isEpsilonNash(game, profileOf(game.actions, k), epsilon),
        );
        expect(pureNashEquilibria(game, { epsilon })).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('worstFor picks the candidate with least welfare for the given utilities (first on ties)', () => {
    const candidates = [pointMass(4, 0), pointMass(4, 3), [0.5, 0, 0, 0.5]];
    expect(worstFor(prisonersDilemma.payoffs, candidates)).toBe(candidates[1]);
    expect(worstFor([[1, 1, 1, 1]], candidates)).toBe(candidates[0]);
    expect(() => worstFor(prisonersDilemma.payoffs, [])).toThrow(/no candidate/);
  });
});
