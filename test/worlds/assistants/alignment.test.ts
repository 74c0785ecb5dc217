// Principal–assistant alignment in the flagship world, in the delegation-game measures of
// SCIENCE.md §2 (alignment distance d = ½‖ũ̂ − ũ‖₂, welfare ratio r = m̂/m).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssistantAlignment, MEAN_STAKE, pairAlignment, SERIES_LIMIT } from '../../../worlds/assistants/alignment.ts';
import world from '../../../worlds/assistants.ts';
import { alignmentDistance } from '../../../src/measures/delegation-games.ts';
import { standardise } from '../../../src/measures/standardise.ts';
import { metricAt, runWorld } from '../../support/world-run.ts';

/** The utilities over (area, good|bad, accept|reject) written out, as the module's doc defines them. */
function utilities(weights: readonly number[], biases: readonly number[]): { principal: number[]; assistant: number[] } {
  const s = MEAN_STAKE;
  return {
    principal: weights.flatMap((w) => [w * s, -w * s, 0, 0]),
    assistant: weights.flatMap((w, j) => [w * (s + biases[j]), w * (biases[j] - s), 0, 0]),
  };
}

const areas = fc.integer({ min: 1, max: 8 });
const pair = areas.chain((m) =>
  fc.tuple(
    // Weights as the world holds them, in [0, 1]; subnormal ones would underflow in the written-out utilities.
    fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })), { minLength: m, maxLength: m }),
    fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: m, maxLength: m }),
  ),
);

describe('pairAlignment', () => {
  it('equals alignmentDistance and the ratio of standardised magnitudes on the written-out utilities', () => {
    fc.assert(
      fc.property(pair, ([weights, biases]) => {
        const { principal, assistant } = utilities(weights, biases);
        const { distance, ratio } = pairAlignment(weights, biases);
        expect(distance).toBeCloseTo(alignmentDistance(principal, assistant), 9);
        const m = standardise(assistant).magnitude;
        if (m > 0) expect(ratio).toBeCloseTo(standardise(principal).magnitude / m, 9);
        else expect(ratio).toBe(Infinity);
      }),
      { numRuns: 500 },
    );
  });

  it('is 0 without bias, grows with it, and is 0 when the principal cares about nothing (both utilities constant)', () => {
    expect(pairAlignment([0.5, 0.8], [0, 0])).toEqual({ distance: 0, ratio: 1 });
    const small = pairAlignment([0.5, 0.8], [0.1, 0.1]).distance;
    const large = pairAlignment([0.5, 0.8], [1, 1]).distance;
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
    expect(pairAlignment([0, 0], [1, 2])).toEqual({ distance: 0, ratio: Infinity });
    // One area, bias 1: the assistant values accepting a good gamble at 2, a bad one at 0.
    expect(pairAlignment([1], [1]).distance).toBeCloseTo(alignmentDistance([1, -1, 0, 0], [2, 0, 0, 0]), 12);
  });
});

describe('AssistantAlignment', () => {
  const record = (tracker: AssistantAlignment, chosen: number[], weights: number[], bias: (i: number, k: number) => number) => {
    const rows = new Map<string, number>();
    tracker.record((name, value) => rows.set(name, value), chosen, Float64Array.from(weights), (i, k) => bias(i, k), (i) => `p${i + 1}`);
    return rows;
  };

  it("follows each principal's most-used assistant and leaves out principals that never delegated", () => {
    const tracker = new AssistantAlignment(2, 3, 1);
    const bias = (_i: number, k: number) => k; // assistant k has bias k in the only area
    expect(record(tracker, [0, 0], [1, 1], bias)).toEqual(new Map());
    let rows = record(tracker, [3, 0], [1, 1], bias); // p1 delegates to assistant 3 (bias 2)
    expect([...rows.keys()]).toEqual(['alignment_distance/p1', 'welfare_ratio/p1', 'alignment_distance/mean', 'welfare_ratio/mean']);
    expect(rows.get('alignment_distance/p1')).toBeCloseTo(pairAlignment([1], [2]).distance, 15);
    record(tracker, [1, 0], [1, 1], bias); // a tie: the lower-numbered assistant 1 (bias 0) is p1's
    rows = record(tracker, [0, 2], [1, 1], bias);
    expect(rows.get('alignment_distance/p1')).toBe(0);
    expect(rows.get('alignment_distance/p2')).toBeCloseTo(pairAlignment([1], [1]).distance, 15);
    expect(rows.get('alignment_distance/mean')).toBeCloseTo(pairAlignment([1], [1]).distance / 2, 15);
  });

  it(`records per-principal series only up to ${SERIES_LIMIT} principals`, () => {
    const many = SERIES_LIMIT + 1;
    const rows = record(new AssistantAlignment(many, 1, 1), new Array(many).fill(1), new Array(many + 1).fill(1), () => 0.5);
    expect([...rows.keys()]).toEqual(['alignment_distance/mean', 'welfare_ratio/mean']);
  });
});

describe('the flagship world records alignment', () => {
  it('per principal for small populations, and distance 0 when no assistant is distorted', () => {
    const steps = runWorld(world, { principals: 4, maxDistortion: 0, shiftAt: 0 }, 20);
    const last = steps[19];
    for (const name of ['p1', 'p2', 'p3', 'p4']) {
      expect(metricAt(last, `alignment_distance/${name}`)).toBe(0);
      expect(metricAt(last, `welfare_ratio/${name}`)).toBeCloseTo(1, 12);
    }
    const distorted = runWorld(world, { principals: 4, maxDistortion: 1, shiftAt: 0 }, 20)[19];
    const distances = ['p1', 'p2', 'p3', 'p4'].map((name) => metricAt(distorted, `alignment_distance/${name}`));
    expect(metricAt(distorted, 'alignment_distance/mean')).toBeCloseTo(distances.reduce((a, b) => a + b, 0) / 4, 12);
    expect(Math.max(...distances)).toBeGreaterThan(0);
  });
});
