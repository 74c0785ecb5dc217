import { validateParams } from '../../src/kernel/params.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import type { AnyWorld, DecisionRow } from '../../src/kernel/world.ts';

export interface SteppedRecord {
  readonly t: number;
  readonly metrics: ReadonlyMap<string, number>;
  readonly decisions: readonly DecisionRow[];
}

/** Runs a world in memory (no recording) and returns each step's metrics by name and its decisions. */
export function runWorld(world: AnyWorld, params: Record<string, unknown>, steps: number, seed = 1): SteppedRecord[] {
  const records: SteppedRecord[] = [];
  for (const step of simulate(world, validateParams(world, params), { seed, steps, snapshotEvery: 0 })) {
    records.push({ t: step.t, metrics: new Map(step.metrics.map((m) => [m.name, m.value])), decisions: step.decisions });
  }
  return records;
}

/** A series' value at a step; throws when the step did not record it. */
export function metricAt(record: SteppedRecord, name: string): number {
  const value = record.metrics.get(name);
  if (value === undefined) throw new Error(`step ${record.t} recorded no '${name}'`);
  return value;
}
