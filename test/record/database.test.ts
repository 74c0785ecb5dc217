import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { migrateRecording, openForReading, openForWriting } from '../../src/record/database.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/record/schema.ts';
import { beginRun } from '../../src/record/run-log.ts';
import { tempDir } from '../support/cli.ts';
import { writeJournalModes } from '../support/journal-modes.ts';

/** A recording cut to half its length: its header still counts the pages it lost. */
function truncatedRecording(dir: string): string {
  const file = join(dir, 'truncated.sqlite');
  const db = openForWriting(file);
  const add = db.prepare('INSERT INTO dictionary (name) VALUES (?)');
  for (let i = 0; i < 2000; i++) add.run(`series/${i}`);
  db.close();
  const bytes = readFileSync(file);
  // The page size (big-endian, bytes 16–17) times the page count (bytes 28–31): the whole file.
  expect(bytes.readUInt16BE(16) * bytes.readUInt32BE(28)).toBe(bytes.length);
  expect(bytes.length).toBeGreaterThanOrEqual(8 * 4096);
  truncateSync(file, bytes.length / 2);
  return file;
}

describe('opening recordings', () => {
  it('creates a new recording with the schema version and application id', () => {
    const file = join(tempDir(), 'new.sqlite');
    const db = openForWriting(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const names = (type: string): unknown[] => db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').pluck().all(type);
    expect(names('table')).toEqual(['decision', 'dictionary', 'event', 'metric', 'run', 'snapshot']);
    expect(names('view')).toEqual(['decision_rows', 'decisions', 'events', 'metrics', 'run_params', 'runs', 'snapshots']);
    db.close();
    // Closed, the file is left in rollback-journal mode: a reader needs no -shm file beside it.
    const reader = openForReading(file);
    expect(reader.pragma('journal_mode', { simple: true })).toBe('delete');
    reader.close();
  });

  const refusals: [string, (dir: string) => string, RegExp][] = [
    ['a directory', (dir) => dir, /is a directory/],
    ['a text file', (dir) => (writeFileSync(join(dir, 'notes.sqlite'), 'hello'), join(dir, 'notes.sqlite')), /is not a SQLite database/],
    [
      'a foreign SQLite file',
      (dir) => {
        const file = join(dir, 'foreign.sqlite');
        const db = new Database(file);
        db.exec('CREATE TABLE customers (id INTEGER)');
        db.close();
        return file;
      },
      /not an alignsim recording/,
    ],
    [
      'a recording from a newer schema',
      (dir) => {
        const file = join(dir, 'newer.sqlite');
        openForWriting(file).close();
        const db = new Database(file);
        db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
        db.close();
        return file;
      },
      new RegExp(`schema version ${SCHEMA_VERSION + 1}, newer than this alignsim reads`),
    ],
    [
      'garbage after the SQLite header',
      (dir) => {
        const file = join(dir, 'garbage.sqlite');
        writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4096, 0x5a)]));
        return file;
      },
      /^'.*garbage\.sqlite' is damaged \(file is not a database\): expected an intact alignsim recording$/,
    ],
    ['a truncated recording', truncatedRecording, /^'.*truncated\.sqlite' is damaged \(database disk image is malformed\): expected an intact alignsim recording$/],
  ];

  it.each(refusals)('refuses %s for writing and reading and leaves it unchanged', (_what, make, message) => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const file = make(dir);
    const before = file === dir ? null : readFileSync(file);
    expect(() => openForWriting(file)).toThrow(InputError);
    expect(() => openForWriting(file)).toThrow(message);
    expect(() => openForReading(file)).toThrow(message);
    if (before) expect(readFileSync(file).equals(before)).toBe(true);
  });

  it.each([
    ['garbage after the SQLite header', (dir: string) => refusals[4][1](dir)],
    ['a truncated recording', truncatedRecording],
  ])('refuses to migrate %s, naming the damage', (_what, make) => {
    const file = make(tempDir());
    const size = statSync(file).size;
    expect(() => migrateRecording(file)).toThrow(InputError);
    expect(() => migrateRecording(file)).toThrow(/is damaged \(.*\): expected an intact alignsim recording$/);
    expect(statSync(file).size).toBe(size);
  });

  it('refuses an empty path for writing and reading', () => {
    const message = 'the recording path is empty: expected a file path';
    expect(() => openForWriting('')).toThrow(new InputError(message));
    expect(() => openForReading('')).toThrow(new InputError(message));
  });

  it('refuses a file that is not a regular one (a socket) for writing and reading', async () => {
    // A socket of its own, not a shared device: SQLite cannot open it, so nothing lands beside it.
    const file = join(tempDir(), 'socket.sqlite');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(file, resolve));
    try {
      const message = `'${file}' is not a regular file: expected a SQLite file path`;
      expect(() => openForWriting(file)).toThrow(new InputError(message));
      expect(() => openForReading(file)).toThrow(new InputError(message));
    } finally {
      server.close();
    }
  });

  it('refuses, with its own message, a SQLite file that names another application, even one without tables', () => {
    const file = join(tempDir(), 'other.sqlite');
    const db = new Database(file);
    db.pragma('application_id = 42');
    db.close();
    const message = `'${file}' is a SQLite database but not an alignsim recording: expected one written by alignsim`;
    expect(() => openForWriting(file)).toThrow(new InputError(message));
    expect(() => openForReading(file)).toThrow(new InputError(message));
  });

  it('refuses to write to a version 1 recording, unchanged, naming the command that migrates it', () => {
    const file = join(tempDir(), 'v1.sqlite');
    copyFileSync('test/fixtures/recording-v1.sqlite', file);
    const before = readFileSync(file);
    expect(() => openForWriting(file)).toThrow(
      new InputError(`'${file}' has schema version 1: expected version ${SCHEMA_VERSION} to write to it (run alignsim migrate ${file}; reading works as it is)`),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('opens an existing recording for writing again, keeping what it holds', () => {
    const file = join(tempDir(), 'again.sqlite');
    const header = { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 1, snapshotEvery: 0 };
    for (const seed of [1, 2]) {
      const db = openForWriting(file, { mustExist: seed === 2 });
      beginRun(db, { ...header, seed });
      db.close();
    }
    const db = openForReading(file);
    expect(db.prepare('SELECT seed FROM runs ORDER BY seed').pluck().all()).toEqual([1, 2]);
    db.close();
  });

  it("does not read around another connection's exclusive lock", () => {
    const file = join(tempDir(), 'locked.sqlite');
    openForWriting(file).close();
    const holder = new Database(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec("UPDATE run SET world = 'x'");
    expect(() => openForReading(file)).toThrow(/database is locked/);
    holder.close();
    openForReading(file).close();
  });

  it('opens a recording for reading read-only', () => {
    const file = join(tempDir(), 'read.sqlite');
    openForWriting(file).close();
    const db = openForReading(file);
    expect(db.readonly).toBe(true);
    expect(() => db.exec('CREATE TABLE mine (x)')).toThrow(/readonly/);
    db.close();
  });

  it('closes every file it checked, refused or not', () => {
    // Linux lists a process's open files in /proc/self/fd.
    const open = (): number => readdirSync('/proc/self/fd').length;
    const dir = tempDir();
    const text = join(dir, 'text.sqlite');
    writeFileSync(text, 'hello');
    const recording = join(dir, 'rec.sqlite');
    openForWriting(recording).close();
    const before = open();
    for (let i = 0; i < 20; i++) {
      expect(() => openForReading(text)).toThrow(InputError);
      openForReading(recording).close();
    }
    expect(open()).toBe(before);
  });

  it('refuses to read a recording that does not exist', () => {
    expect(() => openForReading(join(tempDir(), 'missing.sqlite'))).toThrow(/does not exist/);
  });
});

describe('creating a recording that then fails', () => {
  it('removes the folders it created when the file itself cannot be created', () => {
    const dir = tempDir();
    // A name longer than a file system takes (255 bytes): its folders can be made, the file not.
    const file = join(dir, 'made', 'here', `${'x'.repeat(300)}.sqlite`);
    expect(() => openForWriting(file)).toThrow(new InputError(`cannot write to '${file}' (ENAMETOOLONG): expected a recording path you may write`));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes nothing of a folder that was there when the file cannot be created', () => {
    const dir = tempDir();
    const file = join(dir, `${'x'.repeat(300)}.sqlite`);
    expect(() => openForWriting(file)).toThrow(new InputError(`cannot write to '${file}' (ENAMETOOLONG): expected a recording path you may write`));
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('removes the file and folders it created when SQLite cannot open a path that long', () => {
    const dir = tempDir();
    // SQLite takes paths of at most 512 bytes; the operating system takes this one.
    const file = join(dir, 'made', ...Array.from({ length: 5 }, () => 'd'.repeat(100)), 'rec.sqlite');
    expect(file.length).toBeGreaterThan(512);
    expect(() => openForWriting(file)).toThrow(new InputError(`cannot write to '${file}' (unable to open database file): expected a recording path you may write`));
    expect(readdirSync(dir)).toEqual([]);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    expect(() => migrateRecording(file)).toThrow(new InputError(`cannot write to '${file}' (unable to open database file): expected a recording path you may write`));
  });

  it('removes every file by the name of a recording it created: the file, its -wal, -shm and -journal', () => {
    const nowhere = (dir: string): string => join(dir, 'no-such-folder', 'file');
    // The -shm file cannot be made (a link into no folder): WAL mode cannot start.
    const shm = tempDir();
    symlinkSync(nowhere(shm), join(shm, 'rec.sqlite-shm'));
    expect(() => openForWriting(join(shm, 'rec.sqlite'))).toThrow(/^cannot write the recording '.*' \(unable to open database file\)/);
    expect(readdirSync(shm)).toEqual([]);
    // Neither the write-ahead log (a folder) nor a rollback journal (a link into no folder) can be made.
    const journal = tempDir();
    mkdirSync(join(journal, 'rec.sqlite-wal'));
    symlinkSync(nowhere(journal), join(journal, 'rec.sqlite-journal'));
    expect(() => openForWriting(join(journal, 'rec.sqlite'))).toThrow(/^cannot write the recording '.*' \(disk I\/O error\)/);
    expect(readdirSync(journal)).toEqual([]);
  });

  it('removes the file it created, and what SQLite made beside it, when SQLite cannot open it', () => {
    const dir = tempDir();
    const file = join(dir, 'rec.sqlite');
    // Where the write-ahead log should go there is a folder: SQLite cannot write the new schema.
    mkdirSync(`${file}-wal`);
    expect(() => openForWriting(file)).toThrow(/^cannot write the recording '.*rec\.sqlite' \(disk I\/O error\): expected a writable file on a local file system$/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('migrateRecording', () => {
  const copyOfV1 = (): string => {
    const file = join(tempDir(), 'v1.sqlite');
    copyFileSync('test/fixtures/recording-v1.sqlite', file);
    return file;
  };
  const pragma = (file: string, name: string): unknown => {
    const db = new Database(file, { readonly: true });
    try {
      return db.pragma(name, { simple: true });
    } finally {
      db.close();
    }
  };

  it('upgrades a version 1 recording, gives back the pages of its old tables, and leaves it in rollback-journal mode', () => {
    const file = copyOfV1();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
    expect(migrateRecording(file)).toBe(1);
    expect(pragma(file, 'user_version')).toBe(SCHEMA_VERSION);
    expect(pragma(file, 'application_id')).toBe(APPLICATION_ID);
    expect(pragma(file, 'freelist_count')).toBe(0);
    // Bytes 18 and 19 of the header: 1 in rollback-journal mode, 2 in WAL mode.
    expect([...readFileSync(file).subarray(18, 20)]).toEqual([1, 1]);
    expect(migrateRecording(file)).toBe(SCHEMA_VERSION);
  });

  it('leaves a recording unchanged when its migration fails', () => {
    const file = copyOfV1();
    const db = new Database(file);
    db.exec('CREATE TABLE run (note TEXT)');
    db.close();
    const before = readFileSync(file);
    expect(() => migrateRecording(file)).toThrow(
      new InputError(
        `'${file}' could not be migrated and is unchanged (table run already exists): expected a file you may write, with no tables of your own named like those of schema version ${SCHEMA_VERSION}`,
      ),
    );
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('leaves a recording of the current version byte for byte as it was', () => {
    const file = join(tempDir(), 'current.sqlite');
    openForWriting(file).close();
    const before = readFileSync(file);
    expect(migrateRecording(file)).toBe(SCHEMA_VERSION);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a recording that does not exist, and creates none', () => {
    const file = join(tempDir(), 'missing.sqlite');
    expect(() => migrateRecording(file)).toThrow(new InputError(`recording '${file}' does not exist: expected an alignsim SQLite file`));
    expect(existsSync(file)).toBe(false);
  });

  it('refuses an empty file, which holds no recording', () => {
    const file = join(tempDir(), 'empty.sqlite');
    writeFileSync(file, '');
    expect(() => migrateRecording(file)).toThrow(new InputError(`'${file}' holds no recording: expected an alignsim recording to migrate`));
    expect(statSync(file).size).toBe(0);
  });
});

describe('a recording where SQLite cannot create the -shm file beside it', () => {
  /** The folder of recordings, made once (by the first test that needs it). */
  let made: string | undefined;
  const path = (name: string): string => join((made ??= folder()), name);

  function folder(): string {
    // As in a folder the user may not write: here the -shm path is a link into a folder that does
    // not exist, which no user can create a file through.
    const dir = tempDir();
    const at = (name: string): string => join(dir, name);
    const noShm = (name: string): void => symlinkSync(join(dir, 'no-such-folder', 'shm'), `${at(name)}-shm`);
    writeJournalModes(at, at('scratch.sqlite'));
    for (const name of ['fresh.sqlite', 'wal.sqlite', 'empty-log.sqlite', 'pending.sqlite']) noShm(name);
    return dir;
  }

  const read = (name: string): unknown[] => {
    const db = openForReading(path(name));
    try {
      expect(db.readonly).toBe(true);
      return [db.name, db.prepare('SELECT world FROM runs').pluck().all()];
    } finally {
      db.close();
    }
  };

  it('reads a recording in rollback-journal mode as it is, and one left in WAL mode as an immutable file', () => {
    expect(read('fresh.sqlite')).toEqual([path('fresh.sqlite'), ['w']]);
    for (const name of ['wal.sqlite', 'empty-log.sqlite']) expect(read(name)).toEqual([`file://${path(name)}?immutable=1`, ['w']]);
  });

  it('refuses to read a WAL-mode file whose log still holds writes, which an immutable read would miss', () => {
    expect(() => read('pending.sqlite')).toThrow(
      new InputError(
        `'${path('pending.sqlite')}' has writes still in its write-ahead log (${path('pending.sqlite-wal')}) and its folder is read-only: expected the writer to finish, or a copy in a folder you may write`,
      ),
    );
  });
});
