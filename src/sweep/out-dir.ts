import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../kernel/errors.ts';
import { openForReading, openForWriting } from '../record/database.ts';
import { listRuns } from '../record/reader.ts';
import { deleteRun } from '../record/run-log.ts';
import { readSpec, type SweepSpec } from './spec.ts';

/** The copy of the spec a sweep keeps in its output directory (for --status and resuming). */
export function specCopyPath(dir: string): string {
  return join(dir, 'sweep.json');
}

/** Makes `dir` this sweep's output directory, refusing one that holds a different sweep. */
export function claimOutDir(dir: string, spec: SweepSpec): void {
  const file = specCopyPath(dir);
  const text = `${JSON.stringify(spec, null, 2)}\n`;
  if (existsSync(file)) {
    if (JSON.stringify(readSpec(file)) !== JSON.stringify(spec)) {
      throw new InputError(`'${dir}' holds a different sweep (${file}): expected the same spec to resume it, or another --out`);
    }
    return;
  }
  mkdirSync(dir, { recursive: true });
  // Write then rename, so shards starting together never see half a file.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}

/** The recordings in a sweep directory (empty files, not yet initialised, are left out). */
export function recordingFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sqlite'))
    .sort()
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).size > 0);
}

export interface RecordedStatus {
  readonly status: string;
  readonly file: string;
  readonly error: string | null;
}

/** Status of every run in the given recordings; a completed copy wins over any other. */
export function recordedStatuses(files: readonly string[]): Map<string, RecordedStatus> {
  const statuses = new Map<string, RecordedStatus>();
  for (const file of files) {
    const db = openForReading(file);
    try {
      for (const run of listRuns(db)) {
        if (statuses.get(run.run_id)?.status === 'completed') continue;
        statuses.set(run.run_id, { status: run.status, file, error: run.error });
      }
    } finally {
      db.close();
    }
  }
  return statuses;
}

/** Deletes, in one transaction per file, every row of the given runs that did not complete. */
export function discardUnfinished(files: readonly string[], runIds: ReadonlySet<string>): void {
  for (const file of files) {
    const db = openForWriting(file);
    try {
      const unfinished = (db.prepare("SELECT run_id FROM runs WHERE status <> 'completed'").pluck().all() as string[]).filter((id) =>
        runIds.has(id),
      );
      if (unfinished.length === 0) continue;
      db.transaction(() => {
        for (const id of unfinished) deleteRun(db, id);
      })();
    } finally {
      db.close();
    }
  }
}
