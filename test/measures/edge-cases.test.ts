// Boundaries of the measures of SCIENCE.md §2–§5 that the worked cases and random draws never
// reach: states or outcomes of probability 0 with infinite values, exact ties, degenerate
// utilities, empty inputs, and the messages that name a bad input.
import { describe, expect, it } from 'vitest';
import {
  alignmentDistance,
  expectation,
  regretBound,
  welfare,
  welfareRatios,
} from '../../src/measures/delegation-games.ts';
import { staticRegret } from '../../src/measures/regret.ts';
import {
  delegatedValue,
  expectedUtility,
  idealRule,
  joinProblems,
  posteriorAlignment,
  uniformProblems,
  valuesDelegation,
} from '../../src/measures/scoring.ts';
import { EPIC_STANDARDISATION, RANGE_STANDARDISATION, standardise } from '../../src/measures/standardise.ts';
import { powerMean } from '../../src/measures/welfare.ts';

const identity = (x: number): number => x;

describe('decision-theoretic delegation (SCIENCE.md §3)', () => {
  it('a state believed impossible adds nothing, even where the utility is −∞', () => {
    // log utility: E = 1 · ln 1 + 0 · ln 0, with 0 · (−∞) read as 0.
    expect(expectedUtility([1, 0], [1, 0], Math.log)).toBe(0);
    const frame = { types: [{ beliefs: [1, 0], values: identity }], typeAt: [0, 0] };
    expect(delegatedValue(frame, [1, 0], [[1, 0]], Math.log)).toBe(0);
  });

  it('the delegated value weighs each state’s chosen payoff by the principal’s credence', () => {
    // The agent is sure of state 0, so it picks (2, 0) (worth 2 to it, against 0) in both states:
    // E_π = ¼ · 2 + ¾ · 0 = ½, less than (0, 4)'s ¾ · 4 = 3, so she does not value delegating.
    const frame = { types: [{ beliefs: [1, 0], values: identity }], typeAt: [0, 0] };
    const menu = [[2, 0], [0, 4]];
    expect(delegatedValue(frame, [0.25, 0.75], menu)).toBe(0.5);
    expect(valuesDelegation(frame, [0.25, 0.75], menu)).toBe(false);
  });

  it('she values delegating when it ties with her best act', () => {
    // The agent shares her beliefs and picks (1, 1), worth 1, the best act of the menu.
    const frame = { types: [{ beliefs: [0.5, 0.5], values: identity }], typeAt: [0, 0] };
    expect(valuesDelegation(frame, [0.5, 0.5], [[1, 1], [0, 0]])).toBe(true);
  });

  it('the ideal rule accepts a gamble worth exactly 0 in the state (I_ω = {g : g(ω) ≥ 0})', () => {
    expect(idealRule([0, -1], 0)).toBe(true);
    expect(idealRule([0, -1], 1)).toBe(false);
  });

  it('posterior alignment is checked in every type cell, and an exact tie is no strict preference', () => {
    // Both types believe state 0 certain. Given state 0 she prefers (1, 0), as the agent does; given
    // state 1 she prefers (0, 1), which the agent (expecting 0 against 1) does not.
    const frame = { types: [{ beliefs: [1, 0], values: identity }, { beliefs: [1, 0], values: identity }], typeAt: [0, 1] };
    expect(posteriorAlignment(frame, [0.5, 0.5], [[1, 0], [0, 1]])).toEqual({ aligned: false, state: 1, preferred: 1, other: 0 });
    const same = { types: [{ beliefs: [0.5, 0.5], values: identity }], typeAt: [0, 0] };
    expect(posteriorAlignment(same, [0.5, 0.5], [[1, 1], [1, 1]], identity, 0)).toEqual({ aligned: true });
  });

  it('joinProblems adds measures over the same states and refuses different states of the same number', () => {
    const states = [0.5, 0.5];
    const joined = joinProblems(uniformProblems(states, [[1, 2]]), uniformProblems(states, [[3, 4], [5, 6]]));
    expect(joined).toEqual({ states, gambles: [[1, 2], [3, 4], [5, 6]], weights: [1, 0.5, 0.5] });
    expect(() => joinProblems(uniformProblems(states, [[1, 2]]), uniformProblems([0.25, 0.75], [[1, 2]]))).toThrow(
      /same state distribution/,
    );
    // Equal in the first state only, and a prefix of longer states: still different distributions.
    expect(() => joinProblems(uniformProblems([0.5, 0.25, 0.25], [[1, 2, 3]]), uniformProblems([0.5, 0.5, 0], [[1, 2, 3]]))).toThrow(
      /same state distribution/,
    );
    expect(() => joinProblems(uniformProblems([1], [[1]]), uniformProblems([1, 0], [[1, 2]]))).toThrow(/same state distribution/);
  });
});

describe('delegation games (SCIENCE.md §2)', () => {
  it('an outcome of probability 0 adds nothing to an expectation, even at an infinite value', () => {
    expect(expectation([-Infinity, 2], [0, 1])).toBe(2);
  });

  it('the welfare ratio of an indifferent agent is Infinity even when its principal is indifferent too', () => {
    expect(welfareRatios({ principals: [[3, 3]], agents: [[1, 1]] })).toEqual([Infinity]);
  });

  it('names mismatched or empty games and utilities', () => {
    expect(() => regretBound({ principals: [[1, 2], [2, 1]], agents: [[1, 2]] }, [1, 0])).toThrow(
      /need one agent per principal, got 2 principals and 1 agents/,
    );
    expect(() => regretBound({ principals: [], agents: [] }, [])).toThrow(/got 0 principals and 0 agents/);
    expect(() => welfare([])).toThrow(/delegation game: no utilities given/);
    expect(() => alignmentDistance([], [])).toThrow(/every utility must cover the same 0 > 0 outcomes/);
  });
});

describe('standardisation (SCIENCE.md §2.2)', () => {
  it('the named standardisations: uniform mean and 2-norm (the paper’s), midpoint and ∞-norm', () => {
    expect(EPIC_STANDARDISATION).toEqual({ shift: 'mean', norm: 2 });
    expect(RANGE_STANDARDISATION).toEqual({ shift: 'midrange', norm: Infinity });
  });

  it('outcome weights may be 0 but not negative or NaN', () => {
    // ν = (0, 1) on (0, 4): c = 4, u − c = (−4, 0), m = 4.
    expect(standardise([0, 4], { weights: [0, 1] })).toEqual({ shift: 4, magnitude: 4, direction: [-1, 0] });
    // (3, −1) sums to a positive total, so only the sign check rejects it.
    for (const weights of [[3, -1], [1, -1], [Number.NaN, 1]]) {
      expect(() => standardise([0, 4], { weights })).toThrow(/weights must be non-negative, one per outcome, not all 0/);
    }
  });
});

describe('power-mean welfare (SCIENCE.md §4.1)', () => {
  it('a zero utility anywhere in the profile enters the mean for q > 0', () => {
    expect(powerMean([4, 0], 1)).toBe(2);
    expect(powerMean([4, 0], 2)).toBeCloseTo(Math.sqrt(8), 14); // ((16 + 0) / 2)^½
  });

  it('names the bad input', () => {
    expect(() => powerMean([], 1)).toThrow(/powerMean: the population is empty/);
    expect(() => powerMean([1], Number.NaN)).toThrow(/powerMean: the exponent q is NaN/);
    expect(() => powerMean([1, -0.5], 1)).toThrow(/utilities must be finite and non-negative, got -0.5/);
  });
});

describe('regret (SCIENCE.md §5.6)', () => {
  it('a run of no steps has no static regret', () => {
    expect(staticRegret([], [])).toBe(0);
  });
});
