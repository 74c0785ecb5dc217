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
    expect(await verify(file, runId)).toMatchObject({ identical: false, table: 'events', column: '(row)', recorded: '(no row)' });
  });

  it('names an inserted or a deleted row by its own key, not by its position', async () => {
    const file = join(tempDir(), 'k.sqlite');
    const runId = await record(file, 4);
    const alter = (sql: string): void => {
      const db = new Database(file);
      db.prepare(sql).run(runId);
      db.close();
    };
    // 'aaa' sorts before every real series of step 5; the positional comparison named the next real series instead.
    alter("INSERT INTO metrics (run_id, t, name, value) VALUES (?, 5, 'aaa', 1)");
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'inserted', table: 'metrics', t: 5, row: 'aaa', column: '(row)' });
    alter("DELETE FROM metrics WHERE run_id = ? AND name = 'aaa'");

    alter('DELETE FROM decisions WHERE run_id = ? AND t = 17 AND seq = 3');
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'deleted', table: 'decisions', t: 17, row: '3', recorded: '(no row)' });
  });

  it('names a row recorded after the last step as inserted', async () => {
    const file = join(tempDir(), 'late.sqlite');
    const runId = await record(file, 4, 5);
    const db = new Database(file);
    db.prepare("INSERT INTO events (run_id, t, seq, type, subject, payload_json) VALUES (?, 9, 0, 'forged', 'x', 'null')").run(runId);
    db.close();
    expect(await verify(file, runId)).toMatchObject({ identical: false, kind: 'inserted', table: 'events', t: 9, row: '0' });
  });
});
