import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { runOrder } from '../../src/record/reader.ts';
import { STEP_TABLE_NAMES, STEP_TABLES, type StepTable } from '../../src/record/schema.ts';

/** A hash of every step table of one run, and of its run row without the wall-clock columns. */
export function hashRun(file: string, runId: string): Record<StepTable | 'runs', string> {
  const db = new Database(file, { readonly: true });
  try {
    const hash = (rows: unknown[]): string => createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    const tables = Object.fromEntries(
      STEP_TABLE_NAMES.map((table) => [
        table,
        hash(db.prepare(`SELECT * FROM ${table} WHERE run_id = ? ORDER BY ${STEP_TABLES[table].order}`).raw().all(runId).map((r) => (r as unknown[]).slice(1))),
      ]),
    );
    const run = db
      .prepare('SELECT world, seed, params_json, engine_version, status, steps_requested, steps_completed FROM runs WHERE run_id = ?')
      .raw()
      .all(runId);
    return { ...tables, runs: hash(run) } as Record<StepTable | 'runs', string>;
  } finally {
    db.close();
  }
}

export function onlyRunId(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT run_id FROM runs ORDER BY ${runOrder(db)} DESC LIMIT 1`).get() as { run_id: string }).run_id;
  } finally {
    db.close();
  }
}

/** hashRun of every run in a set of recordings, by run id; a run recorded twice is an error. */
export function hashRuns(files: readonly string[]): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const db = new Database(file, { readonly: true });
    const ids = db.prepare('SELECT run_id FROM runs').pluck().all() as string[];
    db.close();
    for (const id of ids) {
      if (id in hashes) throw new Error(`run ${id} is recorded twice`);
      hashes[id] = JSON.stringify(hashRun(file, id));
    }
  }
  return hashes;
}

/**
 * A recording's bytes with the two header fields that every writing connection bumps zeroed
 * (the change counter and the version-valid-for number): equal when the content is.
 */
export function fileContent(file: string): Buffer {
  const bytes = readFileSync(file);
  bytes.fill(0, 24, 28);
  bytes.fill(0, 92, 96);
  return bytes;
}
