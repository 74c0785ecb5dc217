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
import { hashRun } from '../support/tables.ts';

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
    return await verifyRun(db, findRun(db, runId));
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
    expect(await verify(file, runId)).toEqual({ identical: true, steps: 30 });

    const db = new Database(file);
    db.prepare("UPDATE decisions SET reward = reward + 1 WHERE run_id = ? AND t = 17 AND seq = 3").run(runId);
    db.close();
    expect(await verify(file, runId)).toMatchObject({ identical: false, table: 'decisions', t: 17, row: '3', column: 'reward' });

    const db2 = new Database(file);
    db2.prepare("UPDATE decisions SET reward = reward - 1 WHERE run_id = ? AND t = 17 AND seq = 3").run(runId);
    db2.prepare("UPDATE metrics SET value = 0.5 WHERE run_id = ? AND t = 4 AND name = 'misalignment'").run(runId);
    db2.close();
    expect(await verify(file, runId)).toMatchObject({ identical: false, table: 'metrics', t: 4, row: 'misalignment', column: 'value', recorded: 0.5 });
  });

  it('reports a missing row', async () => {
    const file = join(tempDir(), 'm.sqlite');
    const runId = await record(file, 2);
    const db = new Database(file);
    db.prepare('DELETE FROM events WHERE run_id = ? AND t = (SELECT max(t) FROM events)').run(runId);
    db.close();
    expect(await verify(file, runId)).toMatchObject({ identical: false, table: 'events', column: '(row)', recorded: '(no row)', recomputed: 'present' });
  });

  it('reports a row the recording has and the re-execution does not, in any step table', async () => {
    const file = join(tempDir(), 'x.sqlite');
    const runId = await record(file, 3);
    const db = new Database(file);
    // A metric sorted after every recomputed row of the last step, and a snapshot after the last one.
    db.prepare("INSERT INTO metrics (run_id, t, name, value) VALUES (?, 30, 'zz-extra', 1)").run(runId);
    db.close();
    expect(await verify(file, runId)).toEqual({
      identical: false, table: 'metrics', t: 30, row: 'zz-extra', column: '(row)', recorded: 'present', recomputed: '(no row)',
    });
    const db2 = new Database(file);
    db2.prepare("DELETE FROM metrics WHERE run_id = ? AND name = 'zz-extra'").run(runId);
    db2.prepare("INSERT INTO snapshots (run_id, t, state_json) VALUES (?, 31, '{}')").run(runId);
    db2.close();
    expect(await verify(file, runId)).toEqual({
      identical: false, table: 'snapshots', t: 31, row: 'snapshot', column: '(row)', recorded: 'present', recomputed: '(no row)',
    });
  });

  it('compares only the steps a run completed: a run stopped at step 20 of 30 verifies as 20 identical steps', async () => {
    const file = join(tempDir(), 's.sqlite');
    const runId = await record(file, 8);
    const db = new Database(file);
    for (const table of ['metrics', 'decisions', 'events', 'snapshots']) db.prepare(`DELETE FROM ${table} WHERE run_id = ? AND t > 20`).run(runId);
    db.prepare("UPDATE runs SET steps_completed = 20, status = 'interrupted' WHERE run_id = ?").run(runId);
    db.close();
    expect(await verify(file, runId)).toEqual({ identical: true, steps: 20 });
  });
});
