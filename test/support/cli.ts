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

/** Runs the alignsim command line as a user would, from the repository root. */
export function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
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
