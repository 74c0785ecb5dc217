import type { Recording } from '../record/database.ts';
import type { ChartEvent } from './svg-chart.ts';

/**
 * Event types that change the world, by the last word of their name: `deployment-shift`,
 * `value-drift`, `alignment-decay`, `goal-swap`, `policy-switch`, `price-shock`, `intervention`.
 * Bookkeeping events (lifecycle transitions, a planner's report) are not marked on charts.
 */
export const WORLD_CHANGE = /(^|[-_/])(shift|drift|decay|shock|swap|switch|intervention)$/;

export interface WorldEvent {
  readonly t: number;
  readonly type: string;
  readonly subject: string;
}

/** The events of a run that change its world, in order. */
export function worldEvents(db: Recording, runId: string): WorldEvent[] {
  const types = (db.prepare('SELECT DISTINCT type FROM events WHERE run_id = ?').pluck().all(runId) as string[]).filter((type) => WORLD_CHANGE.test(type));
  if (types.length === 0) return [];
  return db
    .prepare(`SELECT t, type, subject FROM events WHERE run_id = ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY t, seq`)
    .all(runId, ...types) as WorldEvent[];
}

/** The events every one of the runs recorded (same step, type and subject): a shift the parameters schedule, not one run's drift. */
export function commonWorldEvents(db: Recording, runIds: readonly string[]): WorldEvent[] {
  const key = (e: WorldEvent): string => `${e.t}\u0000${e.type}\u0000${e.subject}`;
  const [first, ...rest] = runIds.map((id) => worldEvents(db, id));
  if (first === undefined) return [];
  const shared = rest.map((events) => new Set(events.map(key)));
  return first.filter((e, i) => first.findIndex((f) => key(f) === key(e)) === i && shared.every((set) => set.has(key(e))));
}

export function chartEvents(events: readonly WorldEvent[]): ChartEvent[] {
  return events.map((e) => ({ x: e.t, kind: e.type, label: `${e.type} ${e.subject} at step ${e.t}` }));
}
