import { simulate, validateParams } from 'alignsim';
import { describe, expect, it } from 'vitest';
import world from '../worlds/delegation-study.ts';

function decisionsAfter(from: number, params: Record<string, unknown>) {
  const records = [...simulate(world, validateParams(world, params), { seed: 1, steps: 200, snapshotEvery: 0 })];
  return records.filter((record) => record.t > from).flatMap((record) => record.decisions);
}

describe('delegation-study', () => {
  it('trust-after-trial mostly delegates to the better assistant once its trial is over', () => {
    const late = decisionsAfter(100, { principals: 50 });
    const toBetter = late.filter((d) => d.agent === 'a2').length / late.length;
    expect(toBetter).toBeGreaterThan(0.75);
  });

  it('never delegating keeps every decision with the principal', () => {
    expect(decisionsAfter(0, { policy: 'never' }).every((d) => d.agent === null)).toBe(true);
  });
});
