import type { Recording } from './database.ts';
import { detailOf, findRun, iterateRows } from './reader.ts';
import { RowStore } from './row-store.ts';
import { storedStatus } from './run-owner.ts';
import { STEP_TABLE_NAMES } from './schema.ts';

/** The runs columns a copy carries over (the owner of a run in progress stays with its file). */
const RUN_COLUMNS = [
  'run_id',
  'world',
  'seed',
  'params_json',
  'engine_version',
  'parent_run_id',
  'status',
  'steps_requested',
  'snapshot_every',
  'steps_completed',
  'started_at',
  'finished_at',
  'error',
] as const;

/**
 * Copies a run and every row it recorded from one recording (any schema version) into another.
 * A crashed run is stored as running, as in its own file: without its owner, the copy shows as
 * crashed too. Call inside a transaction.
 */
export function copyRun(from: Recording, to: Recording, runId: string): void {
  const run = findRun(from, runId);
  to.prepare(`INSERT INTO run (${RUN_COLUMNS.join(', ')}, detail) VALUES (${RUN_COLUMNS.map(() => '?').join(', ')}, ?)`).run(
    ...RUN_COLUMNS.map((column) => (column === 'status' ? storedStatus(run) : run[column])),
    detailOf(run),
  );
  const store = new RowStore(to);
  const { id } = store.runKey(runId);
  for (const table of STEP_TABLE_NAMES) for (const row of iterateRows(from, table, runId)) store.add(table, id, row);
  store.flush();
}
