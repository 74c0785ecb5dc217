import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../kernel/errors.ts';
import { openForReading, openForWriting, type Recording } from '../record/database.ts';
import { copyRun } from '../record/copy-run.ts';
import { detailOf, iterateRows, listRuns, type RunRow } from '../record/reader.ts';
import { deleteRun } from '../record/run-log.ts';
import { STEP_TABLE_NAMES } from '../record/schema.ts';

export interface MergeResult {
  readonly added: number;
  readonly replaced: number;
  /** Runs already present (identical, or a more complete copy). */
  readonly skipped: number;
}


/**
 * A hash of a run's recorded content, the same for a copy in a file of either schema version: its
 * run row without wall-clock times and owner, and every step table.
 */
function runDigest(db: Recording, run: RunRow): string {
  const hash = createHash('sha256');
  const { started_at: _started, finished_at: _finished, owner_host: _host, owner_pid: _pid, heartbeat_at: _heartbeat, ...header } = run;
  hash.update(JSON.stringify({ ...header, detail: detailOf(run) }));
  for (const table of STEP_TABLE_NAMES) for (const row of iterateRows(db, table, run.run_id)) hash.update(JSON.stringify(row));
  return hash.digest('hex');
}

/** Completed beats unfinished; among unfinished copies, more steps beats fewer. */
function completeness(run: RunRow): number {
  return (run.status === 'completed' ? Number.MAX_SAFE_INTEGER : 0) + run.steps_completed;
}

/**
 * Combines recordings into `out`, in one transaction: a run not yet in `out` is copied; a run
 * already there is kept when identical (so merging again changes nothing) or replaced by a more
 * complete copy. Every input is checked first (alignsim recording, this schema version); on any
 * error `out` is left as it was.
 */
export function mergeRecordings(out: string, inputs: readonly string[]): MergeResult {
  if (inputs.length === 0) throw new InputError('merge: expected at least one recording to merge into OUT');
  for (const input of inputs) {
    if (resolve(input) === resolve(out)) throw new InputError(`merge: '${input}' is the output file: expected OUT to differ from every input`);
    openForReading(input).close();
  }
  const created = !existsSync(out);
  const db = openForWriting(out);
  let result: MergeResult;
  try {
    result = db.transaction(() => {
      let added = 0;
      let replaced = 0;
      let skipped = 0;
      const findRun = db.prepare('SELECT * FROM runs WHERE run_id = ?');
      for (const input of inputs) {
        const source = openForReading(input);
        try {
          for (const run of listRuns(source)) {
            const present = findRun.get(run.run_id) as RunRow | undefined;
            if (present === undefined) {
              copyRun(source, db, run.run_id);
              added++;
            } else if (present.status === 'completed' && run.status === 'completed') {
              if (runDigest(db, present) !== runDigest(source, run)) {
                throw new InputError(
                  `merge: run ${run.run_id} in '${input}' differs from the one already in '${out}' (engine ${run.engine_version} vs ${present.engine_version}): expected identical copies of a run`,
                );
              }
              skipped++;
            } else if (completeness(run) > completeness(present)) {
              deleteRun(db, run.run_id);
              copyRun(source, db, run.run_id);
              replaced++;
            } else {
              skipped++;
            }
          }
        } finally {
          source.close();
        }
      }
      return { added, replaced, skipped };
    })();
  } catch (error) {
    db.close();
    if (created) for (const suffix of ['', '-wal', '-shm']) rmSync(`${out}${suffix}`, { force: true });
    throw error;
  }
  db.close();
  return result;
}
