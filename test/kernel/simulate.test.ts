import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { loadBuiltInWorlds } from '../../src/kernel/registry.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import type { AnyWorld, StepRecord } from '../../src/kernel/world.ts';
import twoArms from '../fixtures/two-arms.ts';
import { fixedPhaseLoop, type ReferenceStep } from '../support/fixed-phase-loop.ts';

const STEPS = 12;
const SNAPSHOT_EVERY = 5;

/** A record without the simulation times, as the fixed-phase loop wrote it. */
function withoutTimes(record: StepRecord): ReferenceStep {
  return {
    t: record.t,
    metrics: record.metrics,
    decisions: record.decisions.map(({ time: _time, ...row }) => row),
    events: record.events.map(({ time: _time, ...row }) => row),
    snapshotJson: record.snapshotJson,
  };
}

describe('the event-driven kernel on stepped worlds', async () => {
  const stepped = (await loadBuiltInWorlds()).filter((world) => world.phases !== undefined);
  const withIntervention: [string, AnyWorld, Record<string, unknown>] = ['two-arms (an intervention at step 4)', twoArms, { shiftAt: 4 }];

  it('covers the stepped built-in worlds', () => {
    expect(stepped.map((w) => w.name)).toContain('assistants');
    expect(stepped.length).toBeGreaterThanOrEqual(10);
  });

  const cases = [...stepped.map((world): [string, AnyWorld, Record<string, unknown>] => [world.name, world, {}]), withIntervention];
  it.each(cases)('%s: every row as the fixed-phase loop wrote it, at time t', (_name, world, given) => {
    const params = validateParams(world, given);
    for (const seed of [1, 2]) {
      const records = [...simulate(world, params, { seed, steps: STEPS, snapshotEvery: SNAPSHOT_EVERY })];
      const reference = [...fixedPhaseLoop(world, params, seed, STEPS, SNAPSHOT_EVERY)];
      expect(records.map(withoutTimes)).toEqual(reference);
      for (const record of records) {
        expect(record.time).toBe(record.t);
        for (const row of [...record.decisions, ...record.events]) expect(row.time).toBe(record.t);
      }
    }
  });
});
