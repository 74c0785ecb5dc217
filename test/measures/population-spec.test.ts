// Population misalignment (SCIENCE.md §1): the object form of a population, its checks, goal sums
// of one group, and the tracker's group labels. Every population here is built inside a test, so
// that a fault in reading specs fails these tests rather than the loading of the file.
import { describe, expect, it } from 'vitest';
import {
  betweenGroups,
  goalSums,
  groupGoalSums,
  misalignment,
  MisalignmentTracker,
  NULL_GOAL,
  PAIRINGS,
  populationFromSpec,
} from '../../src/measures/misalignment.ts';
import type { Population, PopulationSpec } from '../../src/measures/misalignment.ts';

/** Two areas with conflicts at both ends of [0, 1]; weights at both ends too. */
const spec: PopulationSpec = {
  areas: [
    { name: 'land', goals: ['farm', 'forest'], conflict: [[0, 1], [1, 0]] },
    { name: 'water', goals: ['dam', 'river', 'lake'], conflict: [[0, 0, 0.5], [0, 0, 1], [0.5, 1, 0]] },
  ],
  agents: [
    { name: 'p', goals: { land: 'farm', water: 'dam' }, weights: { land: 1, water: 0.25 } },
    { name: 'q', goals: { land: 'forest', water: 'lake' }, weights: { water: 1 } },
    { name: 'r', goals: { land: 'forest', water: 'river' }, weights: { land: 0, water: 0.64 } },
  ],
};

describe('populationFromSpec', () => {
  it('reads goals, weights and conflicts in area and agent order, accepting 0 and 1 at both ends', () => {
    const pop = populationFromSpec(spec);
    expect(pop.n).toBe(3);
    expect(pop.m).toBe(2);
    expect(Array.from(pop.goals)).toEqual([0, 0, 1, 2, 1, 1]);
    expect(Array.from(pop.weights)).toEqual([1, 0.25, 1, 1, 0, 0.64]);
    expect(Array.from(pop.conflicts[0])).toEqual([0, 1, 1, 0]);
    expect(Array.from(pop.conflicts[1])).toEqual([0, 0, 0.5, 0, 0, 1, 0.5, 1, 0]);
  });

  it('gives the misalignment summed over pairs by hand', () => {
    // Land, D = 6 without replacement: p–q conflict 1 · √(1·1), p–r 1 · √(1·0) = 0, q–r 0; each
    // ordered twice: 2/6. Water: p–q 0.5 · √0.25 = 0.25, p–r 0, q–r 1 · √0.64 = 0.8: 2 · 1.05 / 6.
    const m = misalignment(populationFromSpec(spec));
    expect(m.areas[0]).toBeCloseTo(2 / 6, 15);
    expect(m.areas[1]).toBeCloseTo(2.1 / 6, 15);
    expect(m.overall).toBeCloseTo((2 / 6 + 2.1 / 6) / 2, 15);
  });
});

describe('conflict checks', () => {
  it('an asymmetric cell is named with its mirror image', () => {
    const area = { name: 'water', goals: ['dam', 'river', 'lake'], conflict: [[0, 0, 0.5], [0, 0, 0.2], [0.5, 0.1, 0]] };
    expect(() => populationFromSpec({ areas: [area], agents: [] })).toThrow(
      /area "water": conflict\[1\]\[2\] = 0.2 but conflict\[2\]\[1\] = 0.1; expected a symmetric matrix/,
    );
  });

  it('a negative conflict is out of range', () => {
    const area = { name: 'land', goals: ['farm', 'forest'], conflict: [[0, -0.5], [-0.5, 0]] };
    expect(() => populationFromSpec({ areas: [area], agents: [] })).toThrow(
      /area "land": conflict\[0\]\[1\] = -0.5; expected a number in \[0, 1\]/,
    );
  });
});

describe('pairings', () => {
  it('are the two ways of drawing a pair of SCIENCE.md §1.2', () => {
    expect([...PAIRINGS].sort()).toEqual(['with-replacement', 'without-replacement']);
  });
});

describe('goal sums and groups', () => {
  it('S_j(g) of one group sums √w over its members only (SCIENCE.md §1.5)', () => {
    const pop = populationFromSpec(spec);
    const ofQR = goalSums(pop, [1, 2]);
    expect(ofQR.count).toBe(2);
    // Land: q and r hold forest with √1 + √0. Water: r holds river (√0.64), q lake (√1).
    expect(Array.from(ofQR.sums[0])).toEqual([0, 1]);
    expect(Array.from(ofQR.sums[1])).toEqual([0, 0.8, 1]);
    const all = goalSums(pop);
    expect(all.count).toBe(3);
    expect(Array.from(all.sums[1])).toEqual([0.5, 0.8, 1]);
  });

  it('checks goals in every area, not only the first', () => {
    const pop = populationFromSpec(spec);
    const goals = Int32Array.from(pop.goals);
    goals[2 * 2 + 1] = 3; // agent r, water: goals are 0..2
    expect(() => misalignment({ ...pop, goals })).toThrow(/agent 2, area 1: goal 3 is not NULL_GOAL or an index below 3/);
    goals[2 * 2 + 1] = NULL_GOAL;
    expect(misalignment({ ...pop, goals }).areas[1]).toBeCloseTo((2 * 0.25) / 6, 15);
  });

  it('names a goals or weights array of the wrong length, and a bad group index', () => {
    const pop = populationFromSpec(spec);
    expect(() => misalignment({ ...pop, weights: new Float64Array(5) })).toThrow(/need n·m = 6 cells, got 6 and 5/);
    expect(() => misalignment({ ...pop, goals: new Int32Array(7) })).toThrow(/need n·m = 6 cells, got 7 and 6/);
    for (const a of [-1, 3, 1.5]) {
      expect(() => betweenGroups(pop, [a], [0])).toThrow(new RegExp(`group: agent index ${a} is outside 0\\.\\.2`));
    }
  });

  it('a tracker without group labels has no groups, and one with labels 0 only has group 0 alone', () => {
    const pop: Population = populationFromSpec(spec);
    expect(() => new MisalignmentTracker(pop).between(0, 0)).toThrow(/between\(0, 0\): groups are 0\.\.-1/);
    const tracker = new MisalignmentTracker(pop, { groups: Int32Array.of(0, 0, 0) });
    expect(() => tracker.between(0, 1)).toThrow(/groups are 0\.\.0/);
    expect(tracker.between(0, 0).overall).toBeCloseTo(misalignment(pop).overall, 15);
    const [sums] = groupGoalSums(pop, Int32Array.of(0, 0, 0), 1);
    expect(Array.from(sums.sums[1])).toEqual([0.5, 0.8, 1]);
  });
});
