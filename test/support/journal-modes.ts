import Database from 'better-sqlite3';
import { copyFileSync, writeFileSync } from 'node:fs';
import { openForWriting } from '../../src/record/database.ts';
import { beginRun } from '../../src/record/run-log.ts';

/**
 * Writes one-run recordings in each journal state a reader may meet, as `at(name)`:
 * fresh.sqlite (rollback journal, as alignsim leaves a recording), wal.sqlite (WAL mode with no
 * log left, as older versions left files), empty-log.sqlite (the same with an empty -wal file)
 * and pending.sqlite (WAL mode with a write, world 'changed', still in its log: a copy taken
 * while its writer had it open). `scratch` is a path where that writer's file is made.
 */
export function writeJournalModes(at: (name: string) => string, scratch: string): void {
  const fresh = openForWriting(at('fresh.sqlite'));
  beginRun(fresh, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 1, snapshotEvery: 0 });
  fresh.close();
  copyFileSync(at('fresh.sqlite'), at('wal.sqlite'));
  const wal = new Database(at('wal.sqlite'));
  wal.pragma('journal_mode = WAL');
  wal.close();
  copyFileSync(at('wal.sqlite'), at('empty-log.sqlite'));
  writeFileSync(at('empty-log.sqlite-wal'), '');
  copyFileSync(at('wal.sqlite'), scratch);
  const writer = new Database(scratch);
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec("UPDATE run SET world = 'changed'");
  copyFileSync(scratch, at('pending.sqlite'));
  copyFileSync(`${scratch}-wal`, at('pending.sqlite-wal'));
  writer.close();
}
