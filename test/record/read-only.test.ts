import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliUnprivileged, cliUnprivilegedProcess, stopGroup, tempDir } from '../support/cli.ts';

/**
 * Recordings in a folder the user may not write, and a read-only file in a folder they may:
 * every reading command works, run as a user without write access (root ignores permissions).
 */
// Each case runs the command line several times as another user: slow on a busy machine.
describe('reading a recording without write access', { timeout: 300_000 }, () => {
  const root = tempDir();
  const locked = join(root, 'locked');
  const open = join(root, 'open');
  const out = join(root, 'out');
  const fresh = join(locked, 'fresh.sqlite');
  const wal = join(locked, 'wal.sqlite');
  const v1 = join(locked, 'v1.sqlite');
  const readOnlyFile = join(open, 'read-only.sqlite');

  beforeAll(() => {
    chmodSync(root, 0o755);
    for (const dir of [locked, open, out]) mkdirSync(dir);
    chmodSync(out, 0o777);
    // As alignsim leaves a recording (rollback-journal mode), with a counterfactual child.
    expect(cli(['run', 'assistants', '--steps', '5', '--set', 'principals=3', '--db', fresh, '--quiet']).status).toBe(0);
    expect(cli(['replay', fresh, '--policy', 'never', '--quiet']).status).toBe(0);
    // In WAL mode with no log left, as older versions left files.
    copyFileSync(fresh, wal);
    const db = new Database(wal);
    db.pragma('journal_mode = WAL');
    db.close();
    copyFileSync('test/fixtures/recording-v1.sqlite', v1);
    copyFileSync(wal, readOnlyFile);
    for (const file of [fresh, wal, v1, readOnlyFile]) chmodSync(file, 0o444);
    chmodSync(locked, 0o555);
    chmodSync(open, 0o777);
  }, 300_000);
  afterAll(() => chmodSync(locked, 0o755));

  const ids = (file: string): string[] =>
    cliUnprivileged(['export', file, '--table', 'runs', '--format', 'jsonl'])
      .stdout.trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { run_id: string }).run_id);

  it('is what the test user may not write to', () => {
    const refused = cliUnprivileged(['run', 'stag-hunt', '--steps', '1', '--db', join(locked, 'new.sqlite')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^alignsim: cannot write to .*: expected a recording path you may write\n$/);
  });

  it.each([
    ['a recording left in WAL mode in a read-only folder', () => wal],
    ['a version 1 recording in a read-only folder', () => v1],
  ])('%s: replay and export read it', (_what, path) => {
    const file = path();
    const [first] = ids(file);
    expect(cliUnprivileged(['replay', file, '--run', first, '--verify']).stdout).toMatch(/^identical: \d+ steps\n$/);
    expect(cliUnprivileged(['replay', file, '--run', first, '--step', '1']).stdout).toContain('decisions (');
  });

  it.each([
    ['a recording in a read-only folder', () => fresh],
    ['a read-only file', () => readOnlyFile],
  ])('%s: every reading command reads it', async (_what, path) => {
    const file = path();
    const [first, second] = ids(file);
    expect(second).toBeDefined();
    expect(cliUnprivileged(['replay', file, '--run', first, '--verify']).stdout).toMatch(/^identical: \d+ steps\n$/);
    expect(cliUnprivileged(['replay', file, '--run', first, '--step', '1']).stdout).toContain('decisions (');
    const report = cliUnprivileged(['report', file, '--run', first, '--out', join(out, `${readdirSync(out).length}`)]);
    expect(report.stderr).toBe('');
    expect(report.status).toBe(0);
    expect(cliUnprivileged(['export', file, '--table', 'metrics']).status).toBe(0);
    expect(cliUnprivileged(['compare', file, '--runs', `${first},${second}`]).status).toBe(0);

    const view = cliUnprivilegedProcess(['view', file, '--port', '0']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        view.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
          if (match) resolve(match[0]);
        });
        view.once('exit', (code) => reject(new Error(`view exited with ${code}`)));
      });
      const runs = (await (await fetch(`${url}api/runs`)).json()) as { run_id: string }[];
      expect(runs.map((r) => r.run_id)).toEqual(ids(file));
    } finally {
      await stopGroup(view);
    }
    expect(readdirSync(locked).sort()).toEqual(['fresh.sqlite', 'v1.sqlite', 'wal.sqlite']);
  });
});
