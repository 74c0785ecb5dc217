import { describe, expect, it } from 'vitest';
import type { Pairing } from '../../src/measures/misalignment.ts';
import av from '../../worlds/av-precollision.ts';
import { metricAt, runWorld } from '../support/world-run.ts';

// SCIENCE.md §1.7: weights of the vehicle and the pedestrian goal in the 8 areas.
const VEHICLE = [0.5, 0.4, 0.35, 0.3, 0.2, 0.3, 0.3, 0.3];
const PEDESTRIAN = [0.99, 0.15, 0.15, 0.05, 0.05, 0.05, 0.01, 0.05];

/**
 * Closed form for V vehicles among N agents: only vehicle–pedestrian pairs conflict, 2·V·(N − V)
 * ordered pairs each adding c · sqrt(w^v_j · w^h_j) in area j, over D = N(N − 1) or N² (§1.2).
 */
function closedForm(vehicles: number, n: number, conflict: number, allWeightsOne: boolean, pairing: Pairing): number {
  const pairs = pairing === 'without-replacement' ? n * (n - 1) : n * n;
  const root = VEHICLE.map((w, j) => (allWeightsOne ? 1 : Math.sqrt(w * PEDESTRIAN[j])));
  return root.reduce((sum, r) => sum + (2 * vehicles * (n - vehicles) * conflict * r) / pairs, 0) / VEHICLE.length;
}

describe('world av-precollision', () => {
  it.each([
    { conflict: 1, allWeightsOne: false, pairing: 'without-replacement' as const },
    { conflict: 0.5, allWeightsOne: true, pairing: 'with-replacement' as const },
    { conflict: 0.3, allWeightsOne: false, pairing: 'with-replacement' as const },
  ])('traces the closed form of Figure 8 over the share schedule (%o)', (params) => {
    const records = runWorld(av, params, 51);
    for (const t of [1, 2, 13, 26, 39, 50, 51]) {
      const share = metricAt(records[t - 1], 'share/vehicles');
      expect(share).toBeCloseTo((t - 1) * 0.02, 12);
      const expected = closedForm(Math.round(share * 1000), 1000, params.conflict, params.allWeightsOne, params.pairing);
      expect(metricAt(records[t - 1], 'misalignment')).toBeCloseTo(expected, 12);
    }
  });

  it('peaks at an even split, and stays low with the real weights (SCIENCE.md §1.7)', () => {
    const curve = (allWeightsOne: boolean): number[] => runWorld(av, { allWeightsOne }, 51).map((r) => metricAt(r, 'misalignment'));
    const real = curve(false);
    const ones = curve(true);
    for (const values of [real, ones]) {
      const peak = values.indexOf(Math.max(...values));
      expect(peak + 1).toBe(26); // step 26: share 0.5
      expect(values[0]).toBe(0);
      expect(values[50]).toBe(0);
    }
    // All weights 1, c = 1: 2 · 500 · 500 / (1000 · 999) = 0.5005.
    expect(ones[25]).toBeCloseTo(500 / 999, 12);
    // Real weights: the same curve scaled by the mean of sqrt(w^v · w^h) over the areas, about 0.2125.
    const meanRoot = VEHICLE.reduce((sum, w, j) => sum + Math.sqrt(w * PEDESTRIAN[j]), 0) / VEHICLE.length;
    expect(meanRoot).toBeCloseTo(0.2125, 4);
    real.forEach((value, t) => expect(value).toBeCloseTo(ones[t] * meanRoot, 12));
    expect(Math.max(...real)).toBeLessThan(0.11);
  });

  it('holds a fixed share when one is given', () => {
    const records = runWorld(av, { share: 0.3, agents: 200 }, 4);
    for (const record of records) {
      expect(metricAt(record, 'share/vehicles')).toBe(0.3);
      expect(metricAt(record, 'misalignment')).toBeCloseTo(closedForm(60, 200, 1, false, 'without-replacement'), 12);
    }
  });
});
