import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { migrateRecording, openForReading, openForWriting } from '../../src/record/database.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/record/schema.ts';
import { beginRun } from '../../src/record/run-log.ts';
import { tempDir } from '../support/cli.ts';

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
    // As alignsim leaves a recording: rollback-journal mode, one run.
    const fresh = openForWriting(at('fresh.sqlite'));
    beginRun(fresh, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 1, snapshotEvery: 0 });
    fresh.close();
    // In WAL mode with no log left (as older versions left files), without and with an empty -wal file.
    copyFileSync(at('fresh.sqlite'), at('wal.sqlite'));
    const wal = new Database(at('wal.sqlite'));
    wal.pragma('journal_mode = WAL');
    wal.close();
    copyFileSync(at('wal.sqlite'), at('empty-log.sqlite'));
    writeFileSync(at('empty-log.sqlite-wal'), '');
    // In WAL mode with a write still in its log: a copy taken while its writer had it open.
    copyFileSync(at('wal.sqlite'), at('scratch.sqlite'));
    const writer = new Database(at('scratch.sqlite'));
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec("UPDATE run SET world = 'changed'");
    copyFileSync(at('scratch.sqlite'), at('pending.sqlite'));
    copyFileSync(at('scratch.sqlite-wal'), at('pending.sqlite-wal'));
    writer.close();
    for (const name of ['fresh.sqlite', 'wal.sqlite', 'empty-log.sqlite', 'pending.sqlite']) noShm(name);
    return dir;
  }

  const read = (name: string): unknown[] => {
    const db = openForReading(path(name));
    try {
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
