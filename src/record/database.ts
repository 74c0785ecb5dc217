import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../kernel/errors.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

export type Recording = Database.Database;

const SQLITE_HEADER = 'SQLite format 3\0';

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** Refuses, before anything is written, a path that is not (or cannot become) an alignsim recording. */
function checkFile(file: string, mustExist: boolean): void {
  if (file === '') throw new InputError('the recording path is empty: expected a file path');
  if (!existsSync(file)) {
    if (mustExist) throw new InputError(`recording '${file}' does not exist: expected an alignsim SQLite file`);
    return;
  }
  const stats = statSync(file);
  if (stats.isDirectory()) throw new InputError(`'${file}' is a directory: expected a SQLite file path`);
  // A device or a pipe (/dev/null, /dev/stdout) would take writes and keep nothing.
  if (!stats.isFile()) throw new InputError(`'${file}' is not a regular file: expected a SQLite file path`);
  if (stats.size === 0) return;
  if (readHeader(file) !== SQLITE_HEADER) throw new InputError(`'${file}' is not a SQLite database: expected an alignsim recording`);
}

function checkIdentity(db: Recording, file: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  if (applicationId !== APPLICATION_ID && (applicationId !== 0 || tables > 0)) {
    throw new InputError(`'${file}' is a SQLite database but not an alignsim recording: expected one written by alignsim`);
  }
  if (version > SCHEMA_VERSION) {
    throw new InputError(
      `'${file}' was recorded with schema version ${version}, newer than this alignsim reads (up to ${SCHEMA_VERSION}): upgrade alignsim`,
    );
  }
}

function migrate(db: Recording): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * Creates an empty recording file (and its folder), so that a path that cannot be written fails
 * here with the operating system's reason. Returns what to remove if opening then fails.
 */
function createFile(file: string): string[] {
  const folder = mkdirSync(dirname(file), { recursive: true });
  try {
    closeSync(openSync(file, 'wx'));
  } catch (error) {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return [...['', '-wal', '-shm', '-journal'].map((suffix) => file + suffix), ...(folder === undefined ? [] : [folder])];
}

/** Opens a recording for writing, creating it (and its folder) unless `mustExist`, and migrating it. */
export function openForWriting(file: string, { mustExist = false } = {}): Recording {
  checkFile(file, mustExist);
  const created = existsSync(file) ? [] : createFile(file);
  let db: Recording | undefined;
  try {
    db = new Database(file);
    checkIdentity(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db?.close();
    for (const path of created) rmSync(path, { recursive: true, force: true });
    // Whatever SQLite refuses while opening (a read-only folder for the write-ahead log, a file
    // system without the locks WAL needs) is about the path the user gave.
    if (error instanceof Database.SqliteError) {
      throw new InputError(`cannot write the recording '${file}' (${error.message}): expected a writable file on a local file system`);
    }
    throw error;
  }
}

/** Opens an existing recording without changing it. */
export function openForReading(file: string): Recording {
  checkFile(file, true);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    checkIdentity(db, file);
    if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
      throw new InputError(`'${file}' has an older schema: open it once for writing (e.g. alignsim run --db) to migrate it`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
