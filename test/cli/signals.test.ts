import Database from 'better-sqlite3';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingFiles } from '../../src/sweep/out-dir.ts';
import { cli, cliProcess, tempDir, waitForRecording } from '../support/cli.ts';

/** These tests start several alignsim processes each; on a loaded machine that takes minutes. */
const SLOW = 240_000;

/** Every run of the recordings, as (status, steps_completed, the last step with rows). */
function runsOf(files: readonly string[]): { status: string; steps: number; lastStep: number | null }[] {
  return files.flatMap((file) => {
    const db = new Database(file, { readonly: true });
    try {
      return db
        .prepare('SELECT status, steps_completed AS steps, (SELECT max(t) FROM metrics m WHERE m.run_id = r.run_id) AS lastStep FROM runs r ORDER BY (SELECT id FROM run WHERE run.run_id = r.run_id)')
        .all() as { status: string; steps: number; lastStep: number | null }[];
    } finally {
      db.close();
    }
  });
}

/** Starts a command, waits until the query on `file` holds, sends the signal, and returns the exit code and stdout. */
async function signalWhen(args: string[], file: string, query: string, signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = cliProcess(args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit');
  await waitForRecording(file, query);
  child.kill(signal);
  const [code] = await exited;
  return { code, stdout, stderr };
}

describe('SIGINT, SIGTERM and SIGHUP stop a command between two steps: runs interrupted, exit 128 + signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('run on %s exits %i, every completed step recorded', async (signal, exitCode) => {
    const db = join(tempDir(), 'run.sqlite');
    const { code, stdout, stderr } = await signalWhen(['run', '--steps', '1000000', '--db', db, '--set', 'principals=20'], db, 'SELECT steps_completed >= 10 FROM runs', signal);
    expect(code).toBe(exitCode);
    expect(stdout).toMatch(/status\s+interrupted/);
    expect(stderr).toMatch(/^alignsim: interrupted after \d+ steps; they are recorded \(continue with: alignsim run --resume assistants-s1-\w+ --db .*run\.sqlite\)$/m);
    const [run] = runsOf([db]);
    expect(run.status).toBe('interrupted');
    expect(run.lastStep).toBe(run.steps);
  }, SLOW);

  it('replay (a counterfactual re-run) on SIGHUP exits 129, its run interrupted', async () => {
    const db = join(tempDir(), 'replay.sqlite');
    expect(cli(['run', '--steps', '3000', '--db', db, '--set', 'principals=2', '--quiet']).status).toBe(0);
    const { code } = await signalWhen(
      ['replay', db, '--set', 'principals=400', '--quiet'],
      db,
      "SELECT steps_completed >= 5 FROM runs WHERE parent_run_id IS NOT NULL",
      'SIGHUP',
    );
    expect(code).toBe(129);
    expect(runsOf([db]).map((r) => r.status)).toEqual(['completed', 'interrupted']);
  }, SLOW);

  it('compare on SIGTERM exits 143, the run in progress interrupted', async () => {
    const db = join(tempDir(), 'compare.sqlite');
    const { code, stderr } = await signalWhen(
      ['compare', db, '--policies', 'ucb1,never', '--seeds', '50', '--steps', '300', '--set', 'principals=40', '--quiet'],
      db,
      "SELECT count(*) >= 1 FROM runs WHERE status = 'completed'",
      'SIGTERM',
    );
    expect(code).toBe(143);
    expect(stderr).toMatch(/^alignsim: compare stopped: run \S+ interrupted$/m);
    const statuses = runsOf([db]).map((r) => r.status);
    expect(statuses.at(-1)).toBe('interrupted');
    expect(statuses.slice(0, -1).every((s) => s === 'completed')).toBe(true);
  }, SLOW);

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('sweep on %s exits %i, its runs in progress interrupted', async (signal, exitCode) => {
    const dir = tempDir();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ world: 'assistants', steps: 400, base: { principals: 30 }, grid: { policy: ['ucb1', 'never'] }, replications: 20 }));
    const out = join(dir, 'out');
    const child = cliProcess(['sweep', spec, '--out', out, '--workers', '2', '--quiet']);
    const exited = once(child, 'exit');
    await waitForRecording(join(out, 'worker-0.sqlite'), 'SELECT steps_completed >= 5 FROM runs');
    child.kill(signal);
    const [code] = await exited;
    expect(code).toBe(exitCode);
    const statuses = runsOf(recordingFiles(out)).map((r) => r.status);
    expect(statuses).toContain('interrupted');
    expect(statuses.filter((s) => s !== 'completed' && s !== 'interrupted')).toEqual([]);
  }, SLOW);
});
