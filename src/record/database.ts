import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../kernel/errors.ts';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.ts';

export type Recording = Database.Database;

// better-sqlite3 reads this once, when it first opens a database: URI file names let a reader
// open a recording `immutable` (see openForReading). Every other open passes an absolute path,
// which SQLite never takes for a URI.
process.env.SQLITE_USE_URI ??= '1';

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

const cannotOpen = (error: unknown): boolean => /^SQLITE_(READONLY|CANTOPEN)/.test((error as { code?: string }).code ?? '');

/** What SQLite reports, once a file passed checkFile, about one that is damaged (garbage after the header, truncated). */
const isDamaged = (error: unknown): boolean => /^SQLITE_(NOTADB|CORRUPT)/.test((error as { code?: string }).code ?? '');

const damaged = (file: string, error: unknown): InputError =>
  new InputError(`'${file}' is damaged (${(error as Error).message}): expected an intact alignsim recording`);

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

/** The recording's schema version, after checking it is an alignsim recording this alignsim reads. */
function checkIdentity(db: Recording, file: string): number {
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
  return version;
}

/** Takes the database to the current schema version in one transaction: all of it or none. */
function migrate(db: Recording, from: number): void {
  if (from === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = from; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}

/**
 * Makes a writing connection leave the file in rollback-journal mode when it closes: a file left
 * in WAL mode cannot be read where its reader may not create the -shm file beside it (a
 * read-only folder). The switch needs the file to itself; while another connection has it open
 * the file stays in WAL mode, and the last writer to close switches it.
 */
function leaveWalOnClose(db: Recording): void {
  const close = db.close.bind(db);
  db.close = () => {
    if (db.open) {
      try {
        db.pragma('busy_timeout = 0');
        db.pragma('journal_mode = DELETE');
      } catch {
        // Another connection holds the file: it switches when it closes.
      }
    }
    return close();
  };
}

function openWritable(file: string): Recording {
  let db: Recording;
  try {
    db = new Database(resolve(file));
  } catch (error) {
    if (cannotOpen(error)) throw new InputError(`cannot write to '${file}' (${(error as Error).message}): expected a recording path you may write`);
    throw error;
  }
  return db;
}

/**
 * Creates an empty recording file (and its folder), so that a path that cannot be written fails
 * here with the operating system's reason. Returns what to remove if opening then fails.
 */
function createFile(file: string): string[] {
  let folder: string | undefined;
  try {
    folder = mkdirSync(dirname(file), { recursive: true });
    closeSync(openSync(file, 'wx'));
  } catch (error) {
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    throw new InputError(`cannot write to '${file}' (${(error as NodeJS.ErrnoException).code}): expected a recording path you may write`);
  }
  return [...['', '-wal', '-shm', '-journal'].map((suffix) => file + suffix), ...(folder === undefined ? [] : [folder])];
}

/**
 * Opens a recording for writing, creating it (and its folder) unless `mustExist`. A recording of
 * an older schema is refused, unchanged: `alignsim migrate` upgrades it.
 */
export function openForWriting(file: string, { mustExist = false } = {}): Recording {
  checkFile(file, mustExist);
  const created = existsSync(file) ? [] : createFile(file);
  let db: Recording | undefined;
  try {
    db = openWritable(file);
    const version = checkIdentity(db, file);
    if (version > 0 && version < SCHEMA_VERSION) {
      throw new InputError(
        `'${file}' has schema version ${version}: expected version ${SCHEMA_VERSION} to write to it (run alignsim migrate ${file}; reading works as it is)`,
      );
    }
    // Only a file this alignsim writes is switched, never one it refused.
    leaveWalOnClose(db);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db, version);
    return db;
  } catch (error) {
    db?.close();
    for (const path of created) rmSync(path, { recursive: true, force: true });
    if (isDamaged(error)) throw damaged(file, error);
    // Whatever SQLite refuses while opening (a read-only folder for the write-ahead log, a file
    // system without the locks WAL needs) is about the path the user gave.
    if (error instanceof Database.SqliteError) {
      throw new InputError(`cannot write the recording '${file}' (${error.message}): expected a writable file on a local file system`);
    }
    throw error;
  }
}

/** Upgrades a recording to the current schema in one transaction; returns the version it had. */
export function migrateRecording(file: string): number {
  checkFile(file, true);
  const db = openWritable(file);
  try {
    let version: number;
    try {
      version = checkIdentity(db, file);
    } catch (error) {
      throw isDamaged(error) ? damaged(file, error) : error;
    }
    if (version === 0) throw new InputError(`'${file}' holds no recording: expected an alignsim recording to migrate`);
    try {
      migrate(db, version);
    } catch (error) {
      throw new InputError(
        `'${file}' could not be migrated and is unchanged (${(error as Error).message}): expected a file you may write, with no tables of your own named like those of schema version ${SCHEMA_VERSION}`,
      );
    }
    // The old tables' pages are free now: give them back.
    if (version < SCHEMA_VERSION) db.exec('VACUUM');
    leaveWalOnClose(db);
    return version;
  } finally {
    db.close();
  }
}

/**
 * A read-only connection. SQLite reads a WAL-mode file only where it may create the -shm file
 * beside it; where it may not (a folder the user cannot write), a file with no write-ahead log
 * left is opened `immutable`, which needs no -shm and takes no locks.
 */
function openReadOnly(file: string): Recording {
  const path = resolve(file);
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      db.pragma('user_version');
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    if (!cannotOpen(error)) throw error;
    const wal = `${path}-wal`;
    if (existsSync(wal) && statSync(wal).size > 0) {
      throw new InputError(
        `'${file}' has writes still in its write-ahead log (${wal}) and its folder is read-only: expected the writer to finish, or a copy in a folder you may write`,
      );
    }
    return new Database(`${pathToFileURL(path).href}?immutable=1`, { readonly: true });
  }
}

/** Opens an existing recording of any schema version this alignsim reads, without changing it. */
export function openForReading(file: string): Recording {
  checkFile(file, true);
  let db: Recording | undefined;
  try {
    db = openReadOnly(file);
    checkIdentity(db, file);
    return db;
  } catch (error) {
    db?.close();
    throw isDamaged(error) ? damaged(file, error) : error;
  }
}
