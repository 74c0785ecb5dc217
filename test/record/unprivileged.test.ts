import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { migrateRecording, openForReading, openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { beginRun } from '../../src/record/run-log.ts';
import { tempDir } from '../support/cli.ts';
import { writeJournalModes } from '../support/journal-modes.ts';
import { asUnprivileged } from '../support/unprivileged.ts';

/**
 * Recordings the user may not write, opened in this process as a user without write access
 * (process.seteuid, which a worker thread cannot call: StrykerJS's runner leaves this file out).
 */
describe('recordings without write access', () => {
  const root = tempDir();
  chmodSync(root, 0o755);
  const locked = join(root, 'locked');
  mkdirSync(locked);
  const path = (name: string): string => join(locked, name);
  writeJournalModes(path, join(root, 'scratch.sqlite'));
  // An empty file (what a recording is before its schema) the user may not even read.
  writeFileSync(path('unreadable.sqlite'), '');
  chmodSync(path('unreadable.sqlite'), 0o000);
  for (const name of readdirSync(locked)) if (name !== 'unreadable.sqlite') chmodSync(path(name), 0o444);
  chmodSync(locked, 0o555);
  const names = readdirSync(locked).sort();

  it('reads a recording in a read-only folder as it is, and one left in WAL mode as an immutable file', () => {
    const read = (name: string): unknown[] =>
      asUnprivileged(() => {
        const db = openForReading(path(name));
        try {
          return [db.name, db.prepare('SELECT world FROM runs').pluck().all()];
        } finally {
          db.close();
        }
      });
    expect(read('fresh.sqlite')).toEqual([path('fresh.sqlite'), ['w']]);
    // SQLite reads a WAL-mode file only where it may create the -shm file beside it.
    for (const name of ['wal.sqlite', 'empty-log.sqlite']) expect(read(name)).toEqual([`file://${path(name)}?immutable=1`, ['w']]);
    expect(readdirSync(locked).sort()).toEqual(names);
  });

  it('refuses to read a WAL-mode file whose log still holds writes, which an immutable read would miss', () => {
    expect(() => asUnprivileged(() => openForReading(path('pending.sqlite')))).toThrow(
      new InputError(
        `'${path('pending.sqlite')}' has writes still in its write-ahead log (${path('pending.sqlite-wal')}) and its folder is read-only: expected the writer to finish, or a copy in a folder you may write`,
      ),
    );
  });

  it('refuses to write, naming the reason, and leaves the folder as it was', () => {
    const write = (name: string) => () => asUnprivileged(() => openForWriting(path(name)));
    expect(write('new.sqlite')).toThrow(new InputError(`cannot write to '${path('new.sqlite')}' (EACCES): expected a recording path you may write`));
    expect(write('unreadable.sqlite')).toThrow(
      new InputError(`cannot write to '${path('unreadable.sqlite')}' (unable to open database file): expected a recording path you may write`),
    );
    expect(() => asUnprivileged(() => migrateRecording(path('unreadable.sqlite')))).toThrow(/^cannot write to '.*unreadable\.sqlite' \(unable to open database file\)/);
    const before = readFileSync(path('fresh.sqlite'));
    expect(write('fresh.sqlite')).toThrow(
      new InputError(`cannot write the recording '${path('fresh.sqlite')}' (attempt to write a readonly database): expected a writable file on a local file system`),
    );
    expect(readFileSync(path('fresh.sqlite')).equals(before)).toBe(true);
    expect(readdirSync(locked).sort()).toEqual(names);
  });
});

describe('the owner of a run on this host', () => {
  it("counts a process of another user as alive: signalling it is not permitted (EPERM), but it exists", () => {
    const db = openForWriting(join(tempDir(), 'alive.sqlite'));
    const runId = beginRun(db, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 5, snapshotEvery: 0 });
    // pid 1, the init process, is root's.
    db.prepare('UPDATE run SET owner_pid = 1').run();
    expect(asUnprivileged(() => findRun(db, runId).status)).toBe('running');
    db.close();
  });
});
