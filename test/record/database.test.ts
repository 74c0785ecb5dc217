import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { migrateRecording, openForReading, openForWriting } from '../../src/record/database.ts';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../src/record/schema.ts';
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
