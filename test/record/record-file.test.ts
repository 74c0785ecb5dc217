import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/kernel/world.ts';
import { record } from '../../src/record/record-file.ts';
import everyTable from '../fixtures/every-table.ts';
import { tempDir } from '../support/cli.ts';
import { EVERY_TABLE } from '../support/every-table-run.ts';

function rows(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).raw().all();
  } finally {
    db.close();
  }
}

describe('record', () => {
  it("records a world value with the world's defaults, a snapshot every 100 steps (and at the last), and closes the file", async () => {
    const file = join(tempDir(), 'nested', 'value.sqlite');
    const steps: StepRecord[] = [];
    const result = await record({ file, world: everyTable, onStep: (step) => steps.push(step) });
    // every-table runs 6 steps by default.
    expect(result).toEqual({ runId: expect.stringMatching(/^every-table-s1-[0-9a-f]{8}$/), status: 'completed', stepsCompleted: 6, error: undefined });
    expect(steps.map((s) => s.t)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows(file, 'SELECT run_id, world, seed, params_json, steps_requested, snapshot_every FROM runs')).toEqual([
      [result.runId, 'every-table', 1, '{"policy":"delegate","principals":3}', 6, 100],
    ]);
    expect(rows(file, 'SELECT t FROM snapshots')).toEqual([[6]]);
    // Closed: the last writer left the file in rollback-journal mode, with no write-ahead log.
    expect(rows(file, 'PRAGMA journal_mode')).toEqual([['delete']]);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('records a world named by its file, with the parameters, seed, steps and snapshots given', async () => {
    const file = join(tempDir(), 'path.sqlite');
    const result = await record({ file, world: EVERY_TABLE, params: { principals: 2 }, seed: 4, steps: 3, snapshotEvery: 1 });
    expect(result.status).toBe('completed');
    expect(result.stepsCompleted).toBe(3);
    const [[world, seed, params, requested, every]] = rows(file, 'SELECT world, seed, params_json, steps_requested, snapshot_every FROM runs') as unknown[][];
    // A world file is recorded by its path from the recording and a hash of its source.
    expect(world).toMatch(/\/test\/fixtures\/every-table\.ts#name=every-table&sha256=[0-9a-f]{16}$/);
    expect([seed, params, requested, every]).toEqual([4, '{"policy":"delegate","principals":2}', 3, 1]);
    // 2 principals for 3 steps.
    expect(rows(file, 'SELECT count(*) FROM decisions')).toEqual([[6]]);
    expect(rows(file, 'SELECT t FROM snapshots ORDER BY t')).toEqual([[1], [2], [3]]);
  });

  it('records a world value under the module it names', async () => {
    const file = join(tempDir(), 'file.sqlite');
    await record({ file, world: everyTable, worldFile: EVERY_TABLE, steps: 1 });
    expect(rows(file, 'SELECT world FROM runs')[0]).toEqual([expect.stringMatching(/every-table\.ts#name=every-table&sha256=/)]);
  });

  it('records a run stopped before its first step as interrupted, with no steps', async () => {
    const file = join(tempDir(), 'stopped.sqlite');
    const result = await record({ file, world: everyTable, signal: AbortSignal.abort() });
    expect(result).toMatchObject({ status: 'interrupted', stepsCompleted: 0 });
    expect(rows(file, 'SELECT status, steps_completed FROM runs')).toEqual([['interrupted', 0]]);
  });
});
