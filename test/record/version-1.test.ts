import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForReading } from '../../src/record/database.ts';
import { startViewServer } from '../../src/report/view-server.ts';
import { mergeRecordings } from '../../src/sweep/merge.ts';
import { cli, tempDir } from '../support/cli.ts';

/**
 * A recording made by schema version 1: three runs of the tests' every-table world (one a
 * counterfactual child) and one of stag-hunt. Replay checks only the runs of the tests' own
 * world, whose code changes only with the kernel.
 */
const FIXTURE = 'test/fixtures/recording-v1.sqlite';
const RUNS = {
  parent: 'every-table-s1-2a055218',
  other: 'every-table-s2-c08fbf3a',
  stagHunt: 'stag-hunt-s1-25b91f19',
  counterfactual: 'every-table-s1-a19f69bb',
};
const REPLAYABLE = [RUNS.parent, RUNS.other, RUNS.counterfactual];
const PUBLIC = {
  runs: ['run_id', 'world', 'seed', 'params_json', 'engine_version', 'parent_run_id', 'status', 'steps_requested', 'snapshot_every', 'steps_completed', 'started_at', 'finished_at', 'error'],
  metrics: ['run_id', 't', 'name', 'value'],
  decisions: ['run_id', 't', 'seq', 'principal', 'choice', 'agent', 'policy', 'reward', 'best_reward', 'regret', 'detail_json'],
  events: ['run_id', 't', 'seq', 'type', 'subject', 'payload_json'],
  snapshots: ['run_id', 't', 'state_json'],
};

function copyOfFixture(): string {
  const file = join(tempDir(), 'v1.sqlite');
  copyFileSync(FIXTURE, file);
  return file;
}

/** Every row of every public table, under its version 1 columns, in one order. */
function publicRows(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(
      Object.entries(PUBLIC).map(([table, columns]) => [table, db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${columns.slice(0, 3).join(', ')}`).raw().all()]),
    );
  } finally {
    db.close();
  }
}

describe('a schema version 1 recording', { timeout: 300_000 }, () => {
  it('is read by every reading command, and left unchanged', async () => {
    const file = copyOfFixture();
    const before = readFileSync(file);
    for (const run of REPLAYABLE) expect(cli(['replay', file, '--run', run, '--verify']).stdout).toBe('identical: 6 steps\n');
    const step = cli(['replay', file, '--run', RUNS.stagHunt, '--step', '2']);
    expect(step.status).toBe(0);
    expect(step.stdout).toContain('{"fruit":0,"mammoth":1,"outcome":"mammoth/mammoth"}');
    const report = cli(['report', file, '--run', RUNS.counterfactual, '--out', join(tempDir(), 'report')]);
    expect(report.status).toBe(0);
    const exported = cli(['export', file, '--table', 'decisions']);
    expect(exported.stdout.trimEnd().split('\r\n')).toHaveLength(1 + 3 * 6 + 2 * 6 + 2 * 5 + 3 * 6);
    const runs = cli(['export', file, '--table', 'runs', '--format', 'jsonl']).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(runs.map((r) => [r.run_id, r.play ?? r.policy])).toEqual([
      [RUNS.parent, 'delegate'],
      [RUNS.other, 'delegate'],
      [RUNS.stagHunt, 'cooperative'],
      [RUNS.counterfactual, 'self'],
    ]);
    const compare = cli(['compare', file, '--runs', `${RUNS.parent},${RUNS.counterfactual}`]);
    expect(compare.status).toBe(0);
    expect(compare.stdout).toMatch(/delegate\s+self/);

    const db = openForReading(file);
    const server = await startViewServer(db, 0);
    try {
      const api = async (path: string) => (await fetch(`${server.url}api/${path}`)).json();
      expect(((await api('runs')) as { run_id: string }[]).map((r) => r.run_id)).toEqual(runs.map((r) => r.run_id));
      const at = (await api(`step?run=${RUNS.parent}&t=2`)) as { decisionCount: number; relationships: Record<string, string> };
      expect(at.decisionCount).toBe(3);
      expect(at.relationships).toEqual({ 'p1/a1': 'delegating' });
    } finally {
      await server.close();
      db.close();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('is refused for writing, unchanged, with the command that migrates it', () => {
    const file = copyOfFixture();
    // In WAL mode, as version 1 left its files: a refusal must not even switch that.
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.close();
    const before = readFileSync(file);
    for (const args of [
      ['run', 'stag-hunt', '--steps', '2', '--db', file],
      ['replay', file, '--run', RUNS.parent, '--policy', 'self'],
    ]) {
      const result = cli(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(`alignsim: '${file}' has schema version 1: expected version 2 to write to it (run alignsim migrate ${file}; reading works as it is)\n`);
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('migrates intact: the views give every row as before, replay verifies it, and it takes new runs', () => {
    const file = copyOfFixture();
    const rows = publicRows(file);
    const migrate = cli(['migrate', file]);
    expect(migrate.stdout).toBe(`migrated ${file} from schema version 1 to 2\n`);
    expect(publicRows(file)).toEqual(rows);
    expect(cli(['migrate', file]).stdout).toBe(`${file} already has schema version 2\n`);
    for (const run of REPLAYABLE) expect(cli(['replay', file, '--run', run, '--verify']).stdout).toBe('identical: 6 steps\n');
    const child = cli(['replay', file, '--run', RUNS.other, '--policy', 'self', '--quiet']);
    expect(child.status).toBe(0);
    const db = new Database(file, { readonly: true });
    try {
      // A child of a version 1 run keeps the detail its parent kept: all of it.
      const details = db.prepare('SELECT DISTINCT detail FROM runs WHERE parent_run_id = ?').pluck().all(RUNS.other);
      expect(details).toEqual(['full']);
    } finally {
      db.close();
    }
  });

  it("answers every SQL query of the README as before once migrated, and the README's new ones too", () => {
    const readme = readFileSync('README.md', 'utf8');
    const queries = [...readme.matchAll(/sqlite3 [^"\n]*"([^"]+)"/g)].map((m) => m[1].trim());
    expect(queries.length).toBeGreaterThanOrEqual(4);
    const answers = (file: string): (unknown[] | string)[] => {
      const db = new Database(file, { readonly: true });
      try {
        return queries.map((sql) => {
          try {
            return db.prepare(sql).raw().all();
          } catch (error) {
            return (error as Error).message;
          }
        });
      } finally {
        db.close();
      }
    };
    const file = copyOfFixture();
    const before = answers(file);
    expect(cli(['migrate', file]).status).toBe(0);
    const after = answers(file);
    for (let q = 0; q < queries.length; q++) {
      expect(after[q], queries[q]).toBeInstanceOf(Array);
      // Queries of the views version 1 already had give the same answers (in an order of their
      // own where the query asks for none); the others are new.
      const ordered = /order by/i.test(queries[q]);
      const rows = (answer: unknown[] | string): unknown[] => (ordered ? (answer as unknown[]) : (answer as unknown[]).map((r) => JSON.stringify(r)).sort());
      if (Array.isArray(before[q])) expect(rows(after[q]), queries[q]).toEqual(rows(before[q]));
      else expect(before[q]).toMatch(/no such table: run_params/);
    }
  });

  it('merges into a recording of the current schema with every row as it was', () => {
    const out = join(tempDir(), 'merged.sqlite');
    expect(mergeRecordings(out, [FIXTURE])).toEqual({ added: 4, replaced: 0, skipped: 0 });
    expect(publicRows(out)).toEqual(publicRows(FIXTURE));
    expect(mergeRecordings(out, [FIXTURE])).toEqual({ added: 0, replaced: 0, skipped: 4 });
  });

  it('is left as it was when its migration fails', () => {
    const file = copyOfFixture();
    const db = new Database(file);
    db.exec('CREATE TABLE run (note TEXT)'); // a table of the user's, named like one of version 2
    db.close();
    const before = readFileSync(file);
    const result = cli(['migrate', file]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^alignsim: '.*' could not be migrated and is unchanged \(table run already exists\): expected /);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
