import Database from 'better-sqlite3';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliProcess, tempDir, waitForRecording } from '../support/cli.ts';
import { hashRun, onlyRunId } from '../support/tables.ts';

const STEPS = 600;
const ARGS = ['--steps', String(STEPS), '--set', 'principals=20', '--set', 'shiftAt=120', '--snapshot-every', '7', '--seed', '4', '--quiet'];

/** These tests start several alignsim processes each; on a loaded machine that takes minutes. */
const SLOW = 240_000;

describe('a run killed with SIGKILL is shown crashed and resumes bit for bit', () => {
  it('kill -9 at a random step, then run --resume: the rows of the run never killed', async () => {
    const dir = tempDir();
    const killed = join(dir, 'killed.sqlite');
    const child = cliProcess(['run', ...ARGS, '--db', killed]);
    const exited = once(child, 'exit');
    // Steps are committed in batches: the kill lands at whatever step the run has reached past a random commit.
    await waitForRecording(killed, `SELECT steps_completed >= ${1 + Math.floor(Math.random() * 300)} FROM runs`);
    child.kill('SIGKILL');
    await exited;
    const runId = onlyRunId(killed);
    const conn = new Database(killed, { readonly: true });
    const stored = conn.prepare('SELECT status, steps_completed, owner_pid FROM runs').get() as { status: string; steps_completed: number; owner_pid: number };
    conn.close();
    expect(stored).toMatchObject({ status: 'running', owner_pid: child.pid });
    expect(stored.steps_completed).toBeLessThan(STEPS);

    const listed = cli(['runs', killed]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${runId}\\s+assistants\\s+4\\s+crashed\\s+${stored.steps_completed}/${STEPS}\\s*$`, 'm'));
    expect(JSON.parse(cli(['runs', killed, '--json']).stdout)).toEqual([
      { run: runId, world: 'assistants', seed: 4, status: 'crashed', steps: stored.steps_completed, stepsRequested: STEPS, parent: null, parameters: {} },
    ]);

    const resumed = cli(['run', '--resume', runId, '--db', killed]);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`status\\s+completed\\n\\s*steps\\s+${STEPS}\\n`));

    const whole = join(dir, 'whole.sqlite');
    expect(cli(['run', ...ARGS, '--db', whole]).status).toBe(0);
    expect(onlyRunId(whole)).toBe(runId);
    expect(hashRun(killed, runId)).toEqual(hashRun(whole, runId));
    expect(cli(['replay', killed, '--verify']).stdout).toBe(`identical: ${STEPS} steps\n`);
  }, SLOW);

  it('refuses to resume a completed run, an unknown run, or a resume with parameters: exit 2, one line', () => {
    const db = join(tempDir(), 'done.sqlite');
    expect(cli(['run', '--steps', '3', '--set', 'principals=2', '--db', db, '--quiet']).status).toBe(0);
    const runId = onlyRunId(db);
    for (const [args, message] of [
      [['--resume', runId], new RegExp(`^alignsim: run ${runId} is completed: expected an interrupted or crashed run to resume\n$`)],
      [['--resume', 'nosuch'], /^alignsim: no run 'nosuch' in this recording/],
      [['--resume', runId, '--set', 'principals=3'], /^error: option '--resume <run>' cannot be used with option '--set/],
      [['governance', '--resume', runId], /^alignsim: --resume \S+: expected no world argument/],
    ] as const) {
      const result = cli(['run', ...args, '--db', db]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, SLOW);
});
