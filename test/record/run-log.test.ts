import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForWriting } from '../../src/record/database.ts';
import { iterateRows } from '../../src/record/reader.ts';
import { baseRunId, beginRun, deleteRun, finishRun, recordingClock } from '../../src/record/run-log.ts';
import { STEP_TABLE_NAMES } from '../../src/record/schema.ts';
import { tempDir } from '../support/cli.ts';
import { recordEveryTable } from '../support/every-table-run.ts';

const header = { world: 'worlds/coin.ts', seed: 3, paramsJson: '{"bias":0.5}', engineVersion: 'test', stepsRequested: 10, snapshotEvery: 0 };

describe('the runs row', () => {
  it('SOURCE_DATE_EPOCH, whole seconds since 1970, fixes the recorded times; anything else leaves the clock', () => {
    // 1,700,000,000 s after the epoch is 2023-11-14 22:13:20 UTC.
    expect(recordingClock({ SOURCE_DATE_EPOCH: '1700000000' })()).toBe('2023-11-14T22:13:20.000Z');
    for (const bad of ['17e8', '12x', 'x12', '', '-5']) {
      const before = Date.now();
      const stamp = Date.parse(recordingClock({ SOURCE_DATE_EPOCH: bad })());
      expect(stamp).toBeGreaterThanOrEqual(before - 1000);
    }
  });

  it('names a run by its world file, seed and a hash of everything that defines it', () => {
    const id = baseRunId(header);
    expect(id).toMatch(/^coin-s3-[0-9a-f]{8}$/);
    expect(baseRunId({ ...header, world: 'C:\\worlds\\coin.ts' })).toMatch(/^coin-s3-[0-9a-f]{8}$/);
    expect(baseRunId({ ...header, world: 'assistants' })).toMatch(/^assistants-s3-/);
    expect(baseRunId({ ...header, parentRunId: null })).toBe(id);
    // Each level other than the default names itself.
    expect(baseRunId({ ...header, detail: 'full' })).not.toBe(baseRunId({ ...header, detail: 'none' }));
    // A world file as a run records it: its path from the recording, then its name and source hash.
    expect(baseRunId({ ...header, world: '../worlds/coin.ts#name=coin&sha256=0123456789abcdef' })).toMatch(/^coin-s3-[0-9a-f]{8}$/);
    expect(baseRunId({ ...header, world: 'worlds/coin.v2.mts' })).toMatch(/^coin\.v2-s3-/);
    for (const change of [{ seed: 4 }, { paramsJson: '{}' }, { stepsRequested: 11 }, { snapshotEvery: 5 }, { parentRunId: 'p' }]) {
      expect(baseRunId({ ...header, ...change }).slice(-8)).not.toBe(id.slice(-8));
    }
  });

  it('numbers a run recorded again in the same file .2, .3, …, and records how it ended', () => {
    const db = openForWriting(join(tempDir(), 'runs.sqlite'));
    const now = () => '2026-01-01T00:00:00.000Z';
    const ids = [1, 2, 3].map(() => beginRun(db, header, now));
    expect(ids).toEqual([ids[0], `${ids[0]}.2`, `${ids[0]}.3`]);
    expect(finishRun(db, ids[0], 'COMPLETE', undefined, () => 'end')).toBe('completed');
    expect(finishRun(db, ids[1], 'FAIL', 'boom', () => 'end')).toBe('failed');
    const rows = db.prepare('SELECT run_id, status, started_at, finished_at, error, parent_run_id FROM run ORDER BY id').all();
    expect(rows).toEqual([
      { run_id: ids[0], status: 'completed', started_at: now(), finished_at: 'end', error: null, parent_run_id: null },
      { run_id: ids[1], status: 'failed', started_at: now(), finished_at: 'end', error: 'boom', parent_run_id: null },
      { run_id: ids[2], status: 'running', started_at: now(), finished_at: null, error: null, parent_run_id: null },
    ]);
    db.close();
  });

  it('leaves the status of a run that already ended as it was, and still records when and why', () => {
    const db = openForWriting(join(tempDir(), 'ended.sqlite'));
    const runId = beginRun(db, header);
    expect(finishRun(db, runId, 'COMPLETE', undefined, () => 'first')).toBe('completed');
    expect(finishRun(db, runId, 'INTERRUPT', 'late', () => 'second')).toBe('completed');
    expect(db.prepare('SELECT status, finished_at, error FROM run').get()).toEqual({ status: 'completed', finished_at: 'second', error: 'late' });
    db.close();
  });

  it('deletes a run and every row it recorded, and only those', async () => {
    const db = openForWriting(join(tempDir(), 'delete.sqlite'));
    const kept = await recordEveryTable(db, { seed: 1 });
    const deleted = await recordEveryTable(db, { seed: 2 });
    const rows = (runId: string) => STEP_TABLE_NAMES.map((table) => [...iterateRows(db, table, runId)].length);
    // 6 steps: 18 decisions of 3 principals, 12 metrics, events at 2, 4, 6 and snapshots at 2, 4, 6.
    expect(rows(kept)).toEqual([12, 18, 3, 3]);
    expect(rows(deleted)).toEqual([12, 18, 3, 3]);
    deleteRun(db, deleted);
    expect(rows(deleted)).toEqual([0, 0, 0, 0]);
    expect(rows(kept)).toEqual([12, 18, 3, 3]);
    expect(db.prepare('SELECT run_id FROM run').pluck().all()).toEqual([kept]);
    for (const table of ['metric', 'decision', 'event', 'snapshot']) expect(db.prepare(`SELECT DISTINCT run FROM ${table}`).pluck().all()).toHaveLength(1);
    deleteRun(db, 'no-such-run');
    expect(rows(kept)).toEqual([12, 18, 3, 3]);
    db.close();
  });
});
