import { InputError } from '../kernel/errors.ts';
import { observationInterval, type AnyWorld } from '../kernel/world.ts';
import type { Recording } from '../record/database.ts';
import { eventCount, eventPosition, type RunRow } from '../record/reader.ts';

/**
 * The step whose record covers simulation time `time`: the first observation at or after it. Records
 * close at multiples of the world's observation interval (every step in a stepped world), so that
 * step is ⌈time / interval⌉.
 */
export function stepAtTime(world: AnyWorld, run: RunRow, time: number): number {
  const interval = observationInterval(world);
  if (interval === undefined) {
    throw new InputError(`--time ${time}: world '${world.name}' records on events, not at a fixed interval: expected --step or --event`);
  }
  const t = Math.max(1, Math.ceil(time / interval));
  if (t > run.steps_completed) {
    throw new InputError(`--time ${time}: expected a time up to ${run.steps_completed * interval}, the last observation of run ${run.run_id}`);
  }
  return t;
}

/** The step holding the run's n-th event, and the event's seq within it. */
export function stepOfEvent(db: Recording, run: RunRow, n: number): { t: number; seq: number } {
  const position = n >= 1 ? eventPosition(db, run.run_id, n) : undefined;
  if (!position) {
    throw new InputError(`--event ${n}: expected an event number from 1 to ${eventCount(db, run.run_id)} of run ${run.run_id}`);
  }
  return position;
}
