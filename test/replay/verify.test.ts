import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { openForReading, openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { verifyRun } from '../../src/replay/verify.ts';
import assistants from '../../worlds/assistants.ts';
import { tempDir } from '../support/cli.ts';
import { hashRun, onlyRunId } from '../support/tables.ts';

async function record(file: string, seed: number, steps = 30): Promise<string> {
  const db = openForWriting(file);
  const params = validateParams(assistants, { principals: 12, shiftAt: 10 });
  const result = await recordRun({ db, world: assistants, worldRef: 'assistants', params, seed, steps, snapshotEvery: 10 });
  db.close();
  expect(result.status).toBe('completed');
  return result.runId;
}

async function verify(file: string, runId: string) {
  const db = openForReading(file);
  try {
    return await verifyRun(db, findRun(db, runId), { trustWorldFile: false });
  } finally {
    db.close();
  }
}

describe('determinism and replay', () => {
  it('the same world, params and seed give byte-identical tables; another seed gives other decisions', async () => {
    const dir = tempDir();
    const a = await record(join(dir, 'a.sqlite'), 5);
    const b = await record(join(dir, 'b.sqlite'), 5);
    const c = await record(join(dir, 'c.sqlite'), 6);
    expect(a).toBe(b);
    expect(hashRun(join(dir, 'a.sqlite'), a)).toEqual(hashRun(join(dir, 'b.sqlite'), b));
    expect(hashRun(join(dir, 'c.sqlite'), c).decisions).not.toBe(hashRun(join(dir, 'a.sqlite'), a).decisions);
  });

  it('verifies a fresh run and names the first altered row of metrics or decisions', async () => {
    const file = join(tempDir(), 'v.sqlite');
    const runId = await record(file, 9);
    expect(await verify(file, runId)).toEqual({ identical: true, steps: 30, worldChange: null });

    const db = new Database(file);
    db.prepare('UPDATE decision SET reward = reward + 1 WHERE t = 17 AND seq = 3').run();
    db.close();
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'value', table: 'decisions', t: 17, row: '3', column: 'reward' });

    const db2 = new Database(file);
    db2.prepare('UPDATE decision SET reward = reward - 1 WHERE t = 17 AND seq = 3').run();
    db2.prepare("UPDATE metric SET value = 0.5 WHERE t = 4 AND series = (SELECT id FROM dictionary WHERE name = 'misalignment')").run();
    db2.close();
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'value', table: 'metrics', t: 4, row: 'misalignment', column: 'value', recorded: 0.5 });
  });

  // One change to each stored table (dictionary included) and the column replay names for it.
  const alterations: [string, string, Record<string, unknown>][] = [
    ['a metric value', "UPDATE metric SET value = -1 WHERE t = 3 AND series = (SELECT id FROM dictionary WHERE name = 'misalignment')", { table: 'metrics', t: 3, column: 'value' }],
    ['a metric time', 'UPDATE metric SET time = 2.5 WHERE t = 2', { table: 'metrics', t: 2, column: 'time', recorded: 2.5 }],
    // Rows are matched by key: a renamed series is its row deleted (and another inserted).
    ['a series name', "UPDATE dictionary SET name = 'misalignment2' WHERE name = 'misalignment'", { table: 'metrics', t: 1, kind: 'deleted', row: 'misalignment' }],
    ['a principal name', "UPDATE dictionary SET name = 'p99' WHERE name = 'p3'", { table: 'decisions', t: 1, row: '2', column: 'principal', recorded: 'p99' }],
    ['a best reward', 'UPDATE decision SET best_reward = best_reward * 2 WHERE t = 5 AND seq = 1', { table: 'decisions', t: 5, row: '1', column: 'best_reward' }],
    ['a decision area', 'UPDATE decision SET area = area + 1 WHERE t = 6 AND seq = 0', { table: 'decisions', t: 6, row: '0', column: 'area' }],
    ['an expected reward', 'UPDATE decision SET expected = 7 WHERE t = 8 AND seq = 2', { table: 'decisions', t: 8, row: '2', column: 'expected', recorded: 7 }],
    [
      'a delegation',
      'UPDATE decision SET agent = NULL WHERE (t, seq) = (SELECT t, seq FROM decision WHERE agent IS NOT NULL ORDER BY t, seq LIMIT 1)',
      { table: 'decisions', column: 'choice', recorded: 'self', recomputed: 'delegate' },
    ],
    ['a decision time', 'UPDATE decision SET time = 11.5 WHERE t = 11 AND seq = 0', { table: 'decisions', t: 11, column: 'time', recorded: 11.5 }],
    ['a detail value', "UPDATE decision SET detail = '{}' WHERE t = 12 AND seq = 0", { table: 'decisions', t: 12, column: 'detail', recorded: '{}' }],
    ['an event payload', "UPDATE event SET payload_json = '{}' WHERE t = 10 AND seq = 0", { table: 'events', t: 10, row: '0', column: 'payload_json' }],
    ['an event type', "UPDATE dictionary SET name = 'shock' WHERE name = 'deployment-shift'", { table: 'events', t: 10, column: 'type', recorded: 'shock' }],
    ['a snapshot', "UPDATE snapshot SET state_json = '{}' WHERE t = 20", { table: 'snapshots', t: 20, column: 'state_json', recorded: '{}' }],
    ["the run's seed", 'UPDATE run SET seed = seed + 1', { identical: false }],
  ];

  it.each(alterations)('names %s changed in the stored tables', async (_what, sql, difference) => {
    const file = join(tempDir(), 'a.sqlite');
    const runId = await record(file, 3);
    const db = new Database(file);
    const changed = db.prepare(sql).run().changes;
    db.close();
    expect(changed).toBeGreaterThan(0);
    expect(await verify(file, runId)).toMatchObject({ identical: false, ...difference });
  });

  it('reports a missing row', async () => {
    const file = join(tempDir(), 'm.sqlite');
    await record(file, 2);
    const db = new Database(file);
    db.prepare('DELETE FROM event WHERE t = (SELECT max(t) FROM event)').run();
    db.close();
    expect(await verify(file, onlyRunId(file))).toMatchObject({ identical: false, table: 'events', column: '(row)', recorded: '(no row)', recomputed: 'present' });
  });

  it('reports a row the recording has and the re-execution does not, in any step table', async () => {
    const file = join(tempDir(), 'x.sqlite');
    const runId = await record(file, 3);
    const db = new Database(file);
    // A metric sorted after every recomputed row of the last step, and a snapshot after the last one.
    db.prepare("INSERT INTO dictionary (name) VALUES ('zz-extra')").run();
    db.prepare("INSERT INTO metric (run, t, series, value) SELECT 1, 30, id, 1 FROM dictionary WHERE name = 'zz-extra'").run();
    db.close();
    expect(await verify(file, runId)).toEqual({
      identical: false, kind: 'inserted', table: 'metrics', t: 30, row: 'zz-extra', column: '(row)', recorded: 'present', recomputed: '(no row)', worldChange: null,
    });
    const db2 = new Database(file);
    db2.prepare("DELETE FROM metric WHERE series = (SELECT id FROM dictionary WHERE name = 'zz-extra')").run();
    db2.prepare("INSERT INTO snapshot (run, t, state_json) VALUES (1, 31, '{}')").run();
    db2.close();
    expect(await verify(file, runId)).toEqual({
      identical: false, kind: 'inserted', table: 'snapshots', t: 31, row: 'snapshot', column: '(row)', recorded: 'present', recomputed: '(no row)', worldChange: null,
    });
  });

  it('compares only the steps a run completed: a run stopped at step 20 of 30 verifies as 20 identical steps', async () => {
    const file = join(tempDir(), 's.sqlite');
    const runId = await record(file, 8);
    const db = new Database(file);
    for (const table of ['metric', 'decision', 'event', 'snapshot']) db.prepare(`DELETE FROM ${table} WHERE t > 20`).run();
    db.prepare("UPDATE run SET steps_completed = 20, status = 'interrupted' WHERE run_id = ?").run(runId);
    db.close();
    expect(await verify(file, runId)).toEqual({ identical: true, steps: 20, worldChange: null });
  });

  it('names an inserted or a deleted row by its own key, not by its position', async () => {
    const file = join(tempDir(), 'k.sqlite');
    const runId = await record(file, 4);
    const alter = (...sql: string[]): void => {
      const db = new Database(file);
      for (const statement of sql) db.prepare(statement).run();
      db.close();
    };
    // 'aaa' sorts before every real series of step 5; the positional comparison named the next real series instead.
    alter("INSERT INTO dictionary (name) VALUES ('aaa')", "INSERT INTO metric (run, t, series, value) SELECT 1, 5, id, 1 FROM dictionary WHERE name = 'aaa'");
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'inserted', table: 'metrics', t: 5, row: 'aaa', column: '(row)' });
    alter("DELETE FROM metric WHERE series = (SELECT id FROM dictionary WHERE name = 'aaa')");

    alter('DELETE FROM decision WHERE t = 17 AND seq = 3');
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'deleted', table: 'decisions', t: 17, row: '3', recorded: '(no row)' });
  });
});
