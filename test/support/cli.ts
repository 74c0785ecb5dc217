import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'alignsim.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the alignsim command line as a user would, from the repository root (or from `cwd`). */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command line in the background (for signals). */
export function cliProcess(args: readonly string[]) {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'alignsim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Runs the command line as a user without write access to files it did not create: `nobody`
 * when the tests run as root (which ignores file permissions), else the current user.
 */
export function cliUnprivileged(args: readonly string[]): CliResult {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  const result = spawnSync(command[0], command.slice(1), { cwd: ROOT, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command line in the background as cliUnprivileged would run it, in a process group of its own (stop it with stopGroup). */
export function cliUnprivilegedProcess(args: readonly string[]) {
  const command = process.getuid?.() === 0 ? ['runuser', '-u', 'nobody', '--', process.execPath, BIN, ...args] : [process.execPath, BIN, ...args];
  return spawn(command[0], command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
}

/** Stops a process started in a group of its own, and whatever it started, and waits for it. */
export async function stopGroup(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
}

/**
 * Polls a recording (which may not exist yet) until a one-value query on it is truthy; used to
 * signal a background command once it has recorded something.
 */
export async function waitForRecording(file: string, query: string, timeoutMs = 60_000): Promise<void> {
  const { default: Database } = await import('better-sqlite3');
  for (const started = Date.now(); Date.now() - started < timeoutMs; ) {
    try {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        if (db.prepare(query).pluck().get()) return;
      } finally {
        db.close();
      }
    } catch {
      // not created yet, or its schema not yet written
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${file}: '${query}' never held`);
}
