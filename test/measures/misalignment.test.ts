import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agentMisalignment,
  betweenGroups,
  groupGoalSums,
  misalignment,
  misalignmentFromSums,
  MisalignmentTracker,
  NULL_GOAL,
  pairCount,
  populationFromSpec,
} from '../../src/measures/misalignment.ts';
import type { Pairing, Population, PopulationSpec } from '../../src/measures/misalignment.ts';
import { bruteForceBetween, bruteForceMisalignment } from '../support/brute-force-misalignment.ts';

// SCIENCE.md §1.6: customer, retailer, recommender; each holds its own goal in food and household.
const shopping: PopulationSpec = {
  areas: [
    { name: 'food', goals: ['c', 'R', 'RS'], conflict: [[0, 0.1, 0.1], [0.1, 0, 0.1], [0.1, 0.1, 0]] },
    { name: 'household', goals: ['c', 'R', 'RS'], conflict: [[0, 0.5, 0.9], [0.5, 0, 0.3], [0.9, 0.3, 0]] },
  ],
  agents: [
    { name: 'c', goals: { food: 'c', household: 'c' }, weights: { food: 0.8, household: 0.6 } },
    { name: 'R', goals: { food: 'R', household: 'R' }, weights: { food: 0.9, household: 0.7 } },
    { name: 'RS', goals: { food: 'RS', household: 'RS' }, weights: { food: 1, household: 1 } },
  ],
};

/**
 * A number in [0, 1] on a 2⁻²⁰ grid, or exactly 0 or 1. (fc.double mostly draws tiny magnitudes
 * such as 1e-200, under which every M is near 0 and comparisons prove little.)
 */
const unitArb = fc.oneof(fc.constantFrom(0, 1), fc.integer({ min: 0, max: 2 ** 20 }).map((i) => i / 2 ** 20));

/** A random population: 1–4 areas of 1–5 goals, conflicts in [0, 1], null goals, weights in [0, 1]. */
function populationArb(options: { maxAgents?: number; nullGoals?: boolean } = {}): fc.Arbitrary<Population> {
  const { maxAgents = 12, nullGoals = true } = options;
  return fc.integer({ min: 1, max: maxAgents }).chain((n) =>
    fc
      .array(
        fc.integer({ min: 1, max: 5 }).chain((k) =>
          fc.record({
            k: fc.constant(k),
            upper: fc.array(unitArb, { minLength: (k * (k - 1)) / 2, maxLength: (k * (k - 1)) / 2 }),
            goals: fc.array(fc.integer({ min: nullGoals ? NULL_GOAL : 0, max: k - 1 }), { minLength: n, maxLength: n }),
            weights: fc.array(unitArb, { minLength: n, maxLength: n }),
          }),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((areas) => {
        const m = areas.length;
        const goals = new Int32Array(n * m);
        const weights = new Float64Array(n * m);
        const conflicts = areas.map(({ k, upper, goals: g, weights: w }, j) => {
          const c = new Float64Array(k * k);
          let u = 0;
          for (let x = 0; x < k; x++) for (let y = x + 1; y < k; y++) c[x * k + y] = c[y * k + x] = upper[u++];
          for (let a = 0; a < n; a++) {
            goals[a * m + j] = g[a];
            weights[a * m + j] = w[a];
          }
          return c;
        });
        return { n, m, goals, weights, conflicts };
      }),
  );
}

// Spelled out rather than read from PAIRINGS, whose contents population-spec.test.ts checks.
const pairingArb = fc.constantFrom<Pairing>('without-replacement', 'with-replacement');
const mean = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

/** |actual − expected| ≤ relative·|expected| + absolute, elementwise. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relative = 1e-12, absolute = 0): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(relative * Math.abs(expected[i]) + absolute);
  }
}

function maskOf(bits: readonly boolean[]): Uint8Array {
  return Uint8Array.from(bits, (b) => (b ? 1 : 0));
}

describe('shopping case study (SCIENCE.md §1.6)', () => {
  const pop = populationFromSpec(shopping);

  it('reproduces the without-replacement numbers', () => {
    const m = misalignment(pop, 'without-replacement');
    expectClose(m.areas, [0.0897213, 0.4240573], 1e-6);
    expect(m.overall).toBeCloseTo(0.2568893, 6);
  });

  it('reproduces the with-replacement numbers', () => {
    const m = misalignment(pop, 'with-replacement');
    expectClose(m.areas, [0.0598142, 0.2827049], 1e-6);
    expect(m.overall).toBeCloseTo(0.1712595, 6);
  });

  it('defaults to without replacement (SCIENCE.md §1.2)', () => {
    expect(misalignment(pop).overall).toBe(misalignment(pop, 'without-replacement').overall);
  });
});

describe('fast computation equals the brute-force definition (SCIENCE.md §1.2, §1.5)', () => {
  it('per area and overall', () => {
    fc.assert(
      fc.property(populationArb(), pairingArb, (pop, pairing) => {
        const fast = misalignment(pop, pairing);
        const brute = bruteForceMisalignment(pop, pairing);
        expectClose(fast.areas, brute);
        expectClose([fast.overall], [mean(brute)]);
      }),
    );
  });

  it('between two groups, given as masks or index lists, overlapping or not', () => {
    const arb = populationArb().chain((pop) =>
      fc.tuple(
        fc.constant(pop),
        fc.array(fc.boolean(), { minLength: pop.n, maxLength: pop.n }),
        fc.array(fc.boolean(), { minLength: pop.n, maxLength: pop.n }),
        pairingArb,
      ),
    );
    fc.assert(
      fc.property(arb, ([pop, x, y, pairing]) => {
        const fast = betweenGroups(pop, maskOf(x), maskOf(y), pairing);
        expectClose(fast.areas, bruteForceBetween(pop, (a) => x[a], (b) => y[b], pairing));
        const indices = (bits: boolean[]): number[] => bits.flatMap((b, a) => (b ? [a] : []));
        expectClose(betweenGroups(pop, indices(x), Int32Array.from(indices(y)), pairing).areas, fast.areas, 0);
        expectClose(betweenGroups(pop, x, y, pairing).areas, fast.areas, 0);
      }),
    );
  });

  it('between every pair of a partition, from per-group goal sums', () => {
    const arb = populationArb().chain((pop) =>
      fc.tuple(fc.constant(pop), fc.array(fc.integer({ min: -1, max: 2 }), { minLength: pop.n, maxLength: pop.n }), pairingArb),
    );
    fc.assert(
      fc.property(arb, ([pop, labels, pairing]) => {
        const sums = groupGoalSums(pop, Int32Array.from(labels), 3);
        for (let x = 0; x < 3; x++) {
          expect(sums[x].count).toBe(labels.filter((l) => l === x).length);
          for (let y = 0; y < 3; y++) {
            const pairs = pairCount(sums[x].count, sums[y].count, x === y ? sums[x].count : 0, pairing);
            const fast = misalignmentFromSums(pop.conflicts, sums[x], sums[y], pairs);
            expectClose(fast.areas, bruteForceBetween(pop, (a) => labels[a] === x, (b) => labels[b] === y, pairing));
          }
        }
      }),
    );
  });

  it('per agent, and its mean over agents is the population value', () => {
    fc.assert(
      fc.property(populationArb(), pairingArb, (pop, pairing) => {
        const perAgent = agentMisalignment(pop, pairing);
        for (let a = 0; a < pop.n; a++) {
          const brute = bruteForceBetween(pop, (x) => x === a, () => true, pairing);
          expectClose(perAgent.areas.subarray(a * pop.m, (a + 1) * pop.m), brute);
          expectClose([perAgent.overall[a]], [mean(brute)]);
        }
        expectClose([mean(perAgent.overall)], [misalignment(pop, pairing).overall]);
      }),
    );
  });

  it('gives 0 when no pair can be drawn', () => {
    const one: Population = { n: 1, m: 1, goals: Int32Array.of(0), weights: Float64Array.of(1), conflicts: [Float64Array.of(0)] };
    expect(misalignment(one, 'without-replacement').overall).toBe(0);
    expect(betweenGroups(one, [], [0], 'with-replacement').overall).toBe(0);
  });
});

describe('MisalignmentTracker', () => {
  type Edit = { agent: number; area: number; goal: number; weight: number; setsGoal: boolean };
  const editArb: fc.Arbitrary<Edit> = fc.record({
    agent: fc.nat(),
    area: fc.nat(),
    goal: fc.oneof(fc.constant(NULL_GOAL), fc.nat(100)),
    weight: unitArb,
    setsGoal: fc.boolean(),
  });

  it('after random edits equals a recomputation, per area, overall and between groups', () => {
    const arb = populationArb().chain((pop) =>
      fc.tuple(
        fc.constant(pop),
        fc.array(fc.integer({ min: -1, max: 1 }), { minLength: pop.n, maxLength: pop.n }),
        fc.array(editArb, { maxLength: 60 }),
        pairingArb,
      ),
    );
    fc.assert(
      fc.property(arb, ([pop, labels, edits, pairing]) => {
        const groups = Int32Array.from(labels);
        const tracker = new MisalignmentTracker(pop, { pairing, groups });
        for (const e of edits) {
          const agent = e.agent % pop.n;
          const area = e.area % pop.m;
          const k = Math.sqrt(pop.conflicts[area].length);
          if (e.setsGoal) tracker.setGoal(agent, area, e.goal === NULL_GOAL ? NULL_GOAL : e.goal % k);
          else tracker.setWeight(agent, area, e.weight);
        }
        // Drift (documented on the class) stays within 1e-12 relative, plus an absolute 1e-13 near 0.
        const fresh = misalignment(pop, pairing);
        const drift = [1e-12, 1e-13] as const;
        expectClose(Array.from({ length: pop.m }, (_, j) => tracker.area(j)), fresh.areas, ...drift);
        expectClose([tracker.overall()], [fresh.overall], ...drift);
        const groupCount = 1 + Math.max(-1, ...labels);
        for (let x = 0; x < groupCount; x++) {
          for (let y = 0; y < groupCount; y++) {
            const brute = bruteForceBetween(pop, (a) => labels[a] === x, (b) => labels[b] === y, pairing);
            expectClose(tracker.between(x, y).areas, brute, ...drift);
          }
        }
        tracker.recompute();
        expectClose(Array.from({ length: pop.m }, (_, j) => tracker.area(j)), fresh.areas, 0);
      }),
    );
  });

  it('writes edits through to the population and rejects bad ones', () => {
    const pop = populationFromSpec(shopping);
    const tracker = new MisalignmentTracker(pop);
    tracker.setGoal(2, 1, NULL_GOAL);
    tracker.setWeight(0, 0, 0.5);
    expect(pop.goals[2 * 2 + 1]).toBe(NULL_GOAL);
    expect(pop.weights[0]).toBe(0.5);
    expect(() => tracker.setGoal(0, 0, 3)).toThrow(RangeError);
    expect(() => tracker.setWeight(0, 0, 1.5)).toThrow(RangeError);
    expect(() => tracker.setWeight(3, 0, 0.5)).toThrow(RangeError);
  });

  it('names the bad goal, weight, cell or group in its errors', () => {
    const tracker = new MisalignmentTracker(populationFromSpec(shopping), { groups: Int32Array.of(0, 1, -1) });
    for (const goal of [-2, 3, 1.5, Number.NaN]) {
      expect(() => tracker.setGoal(0, 1, goal)).toThrow(new RegExp(`area 1: goal ${goal} is not NULL_GOAL or an index below 3`));
    }
    for (const weight of [-0.25, 1.25, Number.NaN]) {
      expect(() => tracker.setWeight(0, 0, weight)).toThrow(new RegExp(`weight ${weight}: expected a number in \\[0, 1\\]`));
    }
    for (const [agent, area] of [[-1, 0], [3, 0], [0.5, 0], [0, -1], [0, 2], [0, 0.5]]) {
      expect(() => tracker.setWeight(agent, area, 0.5)).toThrow(new RegExp(`cell \\(${agent}, ${area}\\) is outside 3 agents × 2 areas`));
      expect(() => tracker.setGoal(agent, area, 0)).toThrow(/is outside 3 agents × 2 areas/);
    }
    expect(() => tracker.between(0, 2)).toThrow(/between\(0, 2\): groups are 0..1/);
    expect(() => tracker.between(-1, 0)).toThrow(/between\(-1, 0\): groups are 0..1/);
    expect(() => new MisalignmentTracker(populationFromSpec(shopping), { groups: Int32Array.of(0, 1) })).toThrow(
      /groups: expected 3 labels, got 2/,
    );
  });

  it('accepts the ends of the ranges: goal 0, goal k − 1, NULL_GOAL, weights 0 and 1', () => {
    const pop = populationFromSpec(shopping);
    const tracker = new MisalignmentTracker(pop, { pairing: 'with-replacement' });
    tracker.setGoal(0, 0, 2);
    tracker.setGoal(1, 0, 0);
    tracker.setGoal(2, 1, NULL_GOAL);
    tracker.setWeight(0, 1, 0);
    tracker.setWeight(1, 1, 1);
    expect(Array.from(pop.goals)).toEqual([2, 0, 0, 1, 2, NULL_GOAL]);
    expect(Array.from(pop.weights)).toEqual([0.8, 0, 0.9, 1, 1, 1]);
    expect(tracker.pairing).toBe('with-replacement');
    // Household: only the retailer still holds a goal, so nothing conflicts. Food, with
    // replacement (D = 9): goals RS, c, RS with weights 0.8, 0.9, 1; the c–RS pairs count twice:
    // 2 · 0.1 · (√0.72 + √0.9) / 9.
    expect(tracker.area(1)).toBe(0);
    expect(tracker.area(0)).toBeCloseTo((2 * 0.1 * (Math.sqrt(0.72) + Math.sqrt(0.9))) / 9, 15);
    expect(tracker.overall()).toBeCloseTo(tracker.area(0) / 2, 15);
  });

  it('setting a cell to the goal it holds changes nothing, not even by rounding', () => {
    // 30 agents over 3 goals with uneven weights: removing and re-adding a √w would round.
    const n = 30;
    const pop: Population = {
      n,
      m: 1,
      goals: Int32Array.from({ length: n }, (_, a) => a % 3),
      weights: Float64Array.from({ length: n }, (_, a) => (a + 1) / (n + 7)),
      conflicts: [Float64Array.of(0, 0.3, 0.7, 0.3, 0, 0.9, 0.7, 0.9, 0)],
    };
    const tracker = new MisalignmentTracker(pop);
    const before = tracker.area(0);
    for (let a = 0; a < n; a++) tracker.setGoal(a, 0, pop.goals[a]);
    expect(tracker.area(0)).toBe(before);
  });

  it('gives 0 when no pair can be drawn, and when the population has no areas', () => {
    const one: Population = { n: 1, m: 1, goals: Int32Array.of(0), weights: Float64Array.of(1), conflicts: [Float64Array.of(0)] };
    const alone = new MisalignmentTracker(one);
    expect(alone.area(0)).toBe(0);
    expect(alone.overall()).toBe(0);
    const none: Population = { n: 2, m: 0, goals: new Int32Array(0), weights: new Float64Array(0), conflicts: [] };
    expect(new MisalignmentTracker(none).overall()).toBe(0);
    expect(misalignment(none).overall).toBe(0);
    expect(Array.from(agentMisalignment(none).overall)).toEqual([0, 0]);
    expect(Array.from(agentMisalignment(one).areas)).toEqual([0]);
  });
});

describe('properties', () => {
  it('0 ≤ M_j ≤ (k_j − 1)/k_j ≤ 1 with replacement; 0 ≤ M_j ≤ 1 without (SCIENCE.md §1.4)', () => {
    fc.assert(
      fc.property(populationArb(), (pop) => {
        const withR = misalignment(pop, 'with-replacement');
        const without = misalignment(pop, 'without-replacement');
        pop.conflicts.forEach((c, j) => {
          const k = Math.sqrt(c.length);
          expect(withR.areas[j]).toBeGreaterThanOrEqual(0);
          expect(withR.areas[j]).toBeLessThanOrEqual((k - 1) / k + 1e-12);
          expect(without.areas[j]).toBeGreaterThanOrEqual(0);
          expect(without.areas[j]).toBeLessThanOrEqual(1 + 1e-12);
        });
      }),
    );
  });

  it('unit weights and conflict 1 give the Gini impurity 1 − Σ p_g² (SCIENCE.md §1.4)', () => {
    const arb = populationArb({ maxAgents: 30, nullGoals: false }).map((pop) => ({
      ...pop,
      weights: pop.weights.fill(1),
      conflicts: pop.conflicts.map((c) => {
        const k = Math.sqrt(c.length);
        return c.map((_, i) => (Math.floor(i / k) === i % k ? 0 : 1));
      }),
    }));
    fc.assert(
      fc.property(arb, (pop) => {
        const fast = misalignment(pop, 'with-replacement');
        pop.conflicts.forEach((c, j) => {
          const shares = new Array<number>(Math.sqrt(c.length)).fill(0);
          for (let a = 0; a < pop.n; a++) shares[pop.goals[a * pop.m + j]] += 1 / pop.n;
          expect(fast.areas[j]).toBeCloseTo(1 - shares.reduce((s, p) => s + p * p, 0), 12);
        });
      }),
    );
  });

  it('a uniform split attains the maximum (k − 1)/k (SCIENCE.md §1.4)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), (k, perGoal) => {
        const n = k * perGoal;
        const pop: Population = {
          n,
          m: 1,
          goals: Int32Array.from({ length: n }, (_, a) => a % k),
          weights: new Float64Array(n).fill(1),
          conflicts: [Float64Array.from({ length: k * k }, (_, i) => (Math.floor(i / k) === i % k ? 0 : 1))],
        };
        expect(misalignment(pop, 'with-replacement').overall).toBeCloseTo((k - 1) / k, 12);
      }),
    );
  });

  it('scaling every weight by s scales M by s', () => {
    fc.assert(
      fc.property(populationArb(), unitArb, pairingArb, (pop, s, pairing) => {
        const scaled = { ...pop, weights: pop.weights.map((w) => w * s) };
        const expected = misalignment(pop, pairing).areas.map((v) => v * s);
        expectClose(misalignment(scaled, pairing).areas, expected);
      }),
    );
  });

  it('permuting the agents changes nothing', () => {
    const arb = populationArb().chain((pop) =>
      fc.tuple(fc.constant(pop), fc.shuffledSubarray([...Array(pop.n).keys()], { minLength: pop.n }), pairingArb),
    );
    fc.assert(
      fc.property(arb, ([pop, order, pairing]) => {
        const { m } = pop;
        const goals = new Int32Array(pop.goals.length);
        const weights = new Float64Array(pop.weights.length);
        order.forEach((from, to) => {
          goals.set(pop.goals.subarray(from * m, (from + 1) * m), to * m);
          weights.set(pop.weights.subarray(from * m, (from + 1) * m), to * m);
        });
        expectClose(misalignment({ ...pop, goals, weights }, pairing).areas, misalignment(pop, pairing).areas);
      }),
    );
  });
});

describe('input checks', () => {
  const base = (): Population => populationFromSpec(shopping);

  it('rejects malformed flat populations', () => {
    expect(() => misalignment({ ...base(), n: 4 })).toThrow(/n·m = 8 cells/);
    expect(() => misalignment({ ...base(), conflicts: [Float64Array.of(0, 1, 1, 0, 0)] })).toThrow(/1 conflict matrices for 2 areas/);
    const goals = base().goals.fill(3);
    expect(() => misalignment({ ...base(), goals })).toThrow(/agent 0, area 0: goal 3/);
    const asymmetric = Float64Array.of(0, 0.2, 0.1, 0.1, 0, 0.1, 0.1, 0.1, 0);
    expect(() => misalignment({ ...base(), conflicts: [asymmetric, asymmetric] })).toThrow(/area 0: conflict\[0\]\[1\] = 0.2 but/);
    expect(() => betweenGroups(base(), [0, 3], [1])).toThrow(/agent index 3/);
    expect(() => betweenGroups(base(), [true], [1])).toThrow(/expected 3 entries/);
    expect(() => misalignment({ ...base(), conflicts: [Float64Array.of(0, 1, 1), Float64Array.of(0)] })).toThrow(
      /area 0: conflict has 3 entries; expected k·k/,
    );
    const outOfRange = Float64Array.of(0, 1.5, 1.5, 0);
    expect(() => misalignment({ ...base(), m: 1, goals: Int32Array.of(0, 1, 0), weights: Float64Array.of(1, 1, 1), conflicts: [outOfRange] })).toThrow(
      /area 0: conflict\[0\]\[1\] = 1.5; expected a number in \[0, 1\]/,
    );
    const diagonal = Float64Array.of(0, 0.5, 0.5, 0.2);
    expect(() => misalignment({ ...base(), m: 1, goals: Int32Array.of(0, 1, 0), weights: Float64Array.of(1, 1, 1), conflicts: [diagonal] })).toThrow(
      /area 0: conflict\[1\]\[1\] = 0.2; expected 0 on the diagonal/,
    );
    expect(() => groupGoalSums(base(), Int32Array.of(0, 1), 2)).toThrow(/labels: expected 3 entries, got 2/);
    expect(() => groupGoalSums(base(), Int32Array.of(0, 2, -1), 2)).toThrow(/agent 1: group label 2 is not below 2/);
  });

  it('rejects malformed population specs, naming the area, agent or cell', () => {
    const area = shopping.areas[0];
    const agent = shopping.agents[0];
    const spec = (change: Partial<PopulationSpec>): PopulationSpec => ({ ...shopping, ...change });
    expect(() => populationFromSpec(spec({ areas: [area, area] }))).toThrow(/area "food" appears twice; expected unique names/);
    expect(() => populationFromSpec(spec({ areas: [{ ...area, goals: [] , conflict: [] }] }))).toThrow(/area "food" has no goals; expected at least one/);
    expect(() => populationFromSpec(spec({ areas: [{ ...area, goals: ['c', 'c', 'R'] }] }))).toThrow(/area "food": goal "c" appears twice/);
    expect(() => populationFromSpec(spec({ agents: [agent, agent] }))).toThrow(/agent "c" appears twice/);
    expect(() => populationFromSpec(spec({ areas: [{ ...area, conflict: [[0, 0.1, 0.1], [0.1, 0, 0.1]] }] }))).toThrow(
      /area "food": conflict has 2 rows; expected 3 \(one per goal\)/,
    );
    expect(() => populationFromSpec(spec({ areas: [{ ...area, conflict: [[0, 0.1, 0.1], [0.1, 0], [0.1, 0.1, 0]] }] }))).toThrow(
      /area "food": conflict row 1 has 2 entries; expected 3/,
    );
    expect(() => populationFromSpec(spec({ areas: [{ ...area, conflict: [[0, 0.1, 0.2], [0.1, 0, 0.1], [0.1, 0.1, 0]] }] }))).toThrow(
      /area "food": conflict\[0\]\[2\] = 0.2 but conflict\[2\]\[0\] = 0.1; expected a symmetric matrix/,
    );
    expect(() => populationFromSpec(spec({ agents: [{ name: 'x', goals: { fuel: 'c' } }] }))).toThrow(/agent "x": goals name unknown area "fuel"/);
    expect(() => populationFromSpec(spec({ agents: [{ name: 'x', weights: { fuel: 1 } }] }))).toThrow(/agent "x": weights name unknown area "fuel"/);
    expect(() => populationFromSpec(spec({ agents: [{ name: 'x', goals: { food: 'Z' } }] }))).toThrow(
      /agent "x": goal "Z" is not a goal of area "food" \(expected one of c, R, RS, or null\)/,
    );
    for (const w of [-0.1, 1.1, Number.NaN]) {
      expect(() => populationFromSpec(spec({ agents: [{ name: 'x', weights: { food: w } }] }))).toThrow(
        new RegExp(`agent "x": weight for area "food" is ${w}; expected a number in \\[0, 1\\]`),
      );
    }
  });

  it('reads a spec: missing goals and null are g0, missing weights are 1, weights 0 and 1 are allowed', () => {
    const pop = populationFromSpec({
      areas: shopping.areas,
      agents: [
        { name: 'a', goals: { food: 'R', household: null }, weights: { food: 0, household: 1 } },
        { name: 'b', goals: { household: 'RS' } },
      ],
    });
    expect(pop.n).toBe(2);
    expect(pop.m).toBe(2);
    expect(Array.from(pop.goals)).toEqual([1, NULL_GOAL, NULL_GOAL, 2]);
    expect(Array.from(pop.weights)).toEqual([0, 1, 1, 1]);
    expect(Array.from(pop.conflicts[1])).toEqual([0, 0.5, 0.9, 0.5, 0, 0.3, 0.9, 0.3, 0]);
  });
});
