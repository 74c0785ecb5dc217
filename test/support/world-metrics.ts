import { validateParams } from '../../src/kernel/params.ts';
import { loadWorld } from '../../src/kernel/registry.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import type { StepRecord } from '../../src/kernel/world.ts';

/** Runs a built-in world in memory and returns its step records. */
export async function runWorld(name: string, params: Record<string, unknown>, steps: number, seed = 1): Promise<StepRecord[]> {
  const world = await loadWorld(name);
  return [...simulate(world, validateParams(world, params), { seed, steps, snapshotEvery: 0 })];
}

/** The value of metric `name` in one step's record. */
export function metricAt(record: StepRecord, name: string): number {
  const found = record.metrics.find((m) => m.name === name);
  if (!found) throw new Error(`metric ${name} not recorded at step ${record.t}`);
  return found.value;
}
