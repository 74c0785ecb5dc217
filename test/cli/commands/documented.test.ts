import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cliProcess, tempDir } from '../../support/cli.ts';

// The command-line behaviours README.md documents, end to end through bin/alignsim.js; expected
// values come from the recording itself (SQL) or from the world's definition, never from the
// command's own output.

function sql<T>(file: string, query: string, ...args: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(query).all(...args) as T[];
  } finally {
    db.close();
  }
}

function ok(args: string[]): string {
  const out = cli(args);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return out.stdout;
}

const jsonLines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('alignsim run --seed and --snapshot-every', () => {
  const file = join(tempDir(), 'runs.sqlite');
  const ids: string[] = [];

  beforeAll(() => {
    for (const args of [
      ['--seed', '7', '--steps', '20', '--snapshot-every', '5'],
      ['--seed', '7', '--steps', '20', '--snapshot-every', '0'],
      ['--seed', '8', '--steps', '7', '--snapshot-every', '3'],
    ]) {
      ok(['run', '--db', file, '--set', 'principals=3', '--quiet', ...args]);
      ids.push(sql<{ run_id: string }>(file, 'SELECT run_id FROM runs ORDER BY rowid DESC LIMIT 1')[0].run_id);
    }
  });

  it('records the seed, and the same seed gives the same decisions whatever the snapshots', () => {
    expect(sql<{ seed: number }>(file, 'SELECT seed FROM runs WHERE run_id IN (?, ?, ?) ORDER BY rowid', ...ids).map((r) => r.seed)).toEqual([7, 7, 8]);
    const decisions = (id: string) => sql(file, 'SELECT t, seq, principal, agent, reward FROM decisions WHERE run_id = ? AND t <= 7 ORDER BY t, seq', id);
    expect(decisions(ids[0])).toEqual(decisions(ids[1]));
    expect(decisions(ids[2])).not.toEqual(decisions(ids[0]));
  });

  it('stores a snapshot every n steps and at the last step; 0 stores none', () => {
    const snapshots = (id: string) => sql<{ t: number }>(file, 'SELECT t FROM snapshots WHERE run_id = ? ORDER BY t', id).map((r) => r.t);
    expect(snapshots(ids[0])).toEqual([5, 10, 15, 20]);
    expect(snapshots(ids[1])).toEqual([]);
    expect(snapshots(ids[2])).toEqual([3, 6, 7]);
    expect(sql<{ snapshot_every: number }>(file, 'SELECT snapshot_every FROM runs ORDER BY rowid').map((r) => r.snapshot_every)).toEqual([5, 0, 3]);
  });

  it('export streams events, runs and snapshots, every row and column the tables hold', () => {
    const runs = jsonLines(ok(['export', file, '--table', 'runs', '--format', 'jsonl']));
    expect(runs).toEqual(sql(file, 'SELECT * FROM runs ORDER BY rowid'));

    const events = jsonLines(ok(['export', file, '--table', 'events', '--format', 'jsonl', '--run', ids[0]]));
    expect(events).toEqual(sql(file, 'SELECT * FROM events WHERE run_id = ? ORDER BY t, seq', ids[0]));
    expect(events.length).toBeGreaterThan(0);

    const csv = ok(['export', file, '--table', 'snapshots', '--run', ids[2]]).trimEnd().split('\r\n');
    expect(csv[0]).toBe('run_id,t,state_json');
    expect(csv.slice(1).map((line) => line.split(',')[1])).toEqual(['3', '6', '7']);
  });
});

describe('alignsim report --json and --run', () => {
  it('prints the figures of the chosen run as JSON: each series is the recorded metric', () => {
    const file = join(tempDir(), 'report.sqlite');
    ok(['run', '--db', file, '--steps', '6', '--seed', '3', '--set', 'principals=2', '--quiet']);
    ok(['run', '--db', file, '--steps', '4', '--seed', '4', '--set', 'principals=2', '--quiet']);
    const [first, latest] = sql<{ run_id: string }>(file, 'SELECT run_id FROM runs ORDER BY rowid').map((r) => r.run_id);
    const metric = (id: string, name: string) =>
      sql<{ t: number; value: number }>(file, 'SELECT t, value FROM metrics WHERE run_id = ? AND name = ? ORDER BY t', id, name).map((r) => [r.t, r.value]);
    const series = (report: { figures: { series: { name: string; points: number[][] }[] }[] }, name: string) =>
      report.figures.flatMap((f) => f.series).find((s) => s.name === name)!.points;

    const byDefault = JSON.parse(ok(['report', file, '--json']));
    expect(byDefault.run.run_id).toBe(latest);
    expect(series(byDefault, 'misalignment')).toEqual(metric(latest, 'misalignment'));

    const chosen = JSON.parse(ok(['report', file, '--json', '--run', first]));
    expect(chosen.run.run_id).toBe(first);
    expect(series(chosen, 'misalignment')).toEqual(metric(first, 'misalignment'));
    expect(series(chosen, 'regret/cumulative')).toEqual(metric(first, 'regret/cumulative'));
    expect(series(chosen, 'misalignment')).toHaveLength(6);

    const unknown = cli(['report', file, '--json', '--run', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('alignsim compare --steps --set --runs --json', () => {
  it('runs each policy for --steps with --set applied, and --runs compares recorded runs; the means are the recorded regrets', () => {
    const file = join(tempDir(), 'compare.sqlite');
    const world = 'test/fixtures/two-arms.ts';
    const comparison = JSON.parse(ok(['compare', file, '--world', world, '--policies', 'always,never', '--seeds', '3', '--steps', '4', '--set', 'shiftAt=0', '--json', '--quiet']));
    const runs = sql<{ run_id: string; steps_completed: number; params_json: string }>(file, 'SELECT run_id, steps_completed, params_json FROM runs');
    expect(runs).toHaveLength(6);
    for (const run of runs) {
      expect(run.steps_completed).toBe(4);
      expect(JSON.parse(run.params_json).shiftAt).toBe(0);
    }
    expect(sql(file, "SELECT * FROM events WHERE type = 'deployment-shift'")).toEqual([]);

    // The world's regret for `never` is Σ_t (1 − x_t), x_t its own draw recorded in each decision.
    const never = comparison.groups.find((g: { label: string }) => g.label === 'never');
    const regretOf = (id: string) =>
      sql<{ detail_json: string }>(file, 'SELECT detail_json FROM decisions WHERE run_id = ?', id).reduce((s, d) => s + 1 - (JSON.parse(d.detail_json) as { x: number }).x, 0);
    const expected = never.runIds.reduce((s: number, id: string) => s + regretOf(id), 0) / 3;
    const outcome = (group: { outcomes: { key: string; interval: { mean: number; n: number } }[] }) => group.outcomes.find((o) => o.key === 'regret/cumulative')!.interval;
    expect(outcome(never)).toMatchObject({ n: 3 });
    expect(outcome(never).mean).toBeCloseTo(expected, 12);

    const given = JSON.parse(ok(['compare', file, '--runs', never.runIds.join(','), '--json']));
    expect(given.groups).toHaveLength(1);
    expect(given.groups[0].runIds.sort()).toEqual([...never.runIds].sort());
    expect(outcome(given.groups[0]).mean).toBeCloseTo(expected, 12);
  });
});

describe('alignsim view', () => {
  it('serves the recording on 127.0.0.1 read-only and stops on Ctrl-C (SIGINT) with exit 0', async () => {
    const file = join(tempDir(), 'view.sqlite');
    ok(['run', '--db', file, '--steps', '5', '--set', 'principals=2', '--quiet']);
    const before = readFileSync(file);
    const [runId] = sql<{ run_id: string }>(file, 'SELECT run_id FROM runs').map((r) => r.run_id);
    const child = cliProcess(['view', file, '--port', '0']);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (match) resolve(match[0]);
      });
      child.once('exit', () => reject(new Error(`view exited before serving: ${out}`)));
    });
    try {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/html/);
      const runs = (await (await fetch(`${url}api/runs`)).json()) as { run_id: string }[];
      expect(runs.map((r) => r.run_id)).toEqual([runId]);
      const names = (await (await fetch(`${url}api/metrics?run=${runId}`)).json()) as string[];
      expect(names).toEqual(sql<{ name: string }>(file, 'SELECT DISTINCT name FROM metrics ORDER BY name').map((r) => r.name));
      expect((await fetch(`${url}nothing-here`)).status).toBe(404);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
