import { getEventListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import type { StepRecord } from '../../src/kernel/world.ts';
import { openForWriting, type Recording } from '../../src/record/database.ts';
import { findRun, iterateRows } from '../../src/record/reader.ts';
import { recordRun, type RecordRunOptions } from '../../src/record/record-run.ts';
import { STEP_TABLE_NAMES } from '../../src/record/schema.ts';
import { InlineStepWriter, type StepWriter } from '../../src/record/step-writer.ts';
import everyTable from '../fixtures/every-table.ts';
import { tempDir } from '../support/cli.ts';
import fragile from '../support/fragile-world.ts';

const CLOCK = () => '2026-01-01T00:00:00.000Z';

function options(db: Recording, fields: Partial<RecordRunOptions> = {}): RecordRunOptions {
  return {
    db,
    world: everyTable,
    worldRef: 'every-table',
    params: validateParams(everyTable, {}),
    seed: 1,
    steps: 6,
    snapshotEvery: 2,
    detail: 'full',
    clock: CLOCK,
    ...fields,
  };
}

const rowsOf = (db: Recording, runId: string): unknown[][][] => STEP_TABLE_NAMES.map((table) => [...iterateRows(db, table, runId)]);

/** Stops the run once step `t` has been handed to the writer. */
function stopAfter(t: number): Pick<RecordRunOptions, 'signal' | 'onStep'> {
  const controller = new AbortController();
  return { signal: controller.signal, onStep: (record) => record.t === t && controller.abort() };
}

describe('recordRun', () => {
  it('records a completed run: its header, every step, and its end', async () => {
    const db = openForWriting(join(tempDir(), 'run.sqlite'));
    const seen: number[] = [];
    const result = await recordRun(options(db, { parentRunId: 'parent-1', onStep: (record) => seen.push(record.t) }));
    expect(result).toEqual({ runId: expect.stringMatching(/^every-table-s1-/), status: 'completed', stepsCompleted: 6, error: undefined });
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(findRun(db, result.runId)).toMatchObject({
      world: 'every-table',
      seed: 1,
      params_json: '{"policy":"delegate","principals":3}',
      engine_version: version,
      parent_run_id: 'parent-1',
      status: 'completed',
      steps_requested: 6,
      snapshot_every: 2,
      steps_completed: 6,
      started_at: CLOCK(),
      finished_at: CLOCK(),
      error: null,
      owner_host: null,
      detail: 'full',
    });
    db.close();
  });

  it('records a run stopped between two steps as interrupted, with every step handed to the writer committed', async () => {
    const db = openForWriting(join(tempDir(), 'stop.sqlite'));
    const result = await recordRun(options(db, stopAfter(3)));
    expect(result).toMatchObject({ status: 'interrupted', stepsCompleted: 3, error: undefined });
    expect(findRun(db, result.runId)).toMatchObject({ status: 'interrupted', steps_completed: 3, finished_at: CLOCK() });
    // 3 steps of 3 principals.
    expect([...iterateRows(db, 'decisions', result.runId)]).toHaveLength(9);
    db.close();
  });

  it('starts no step of a run stopped before it began', async () => {
    const db = openForWriting(join(tempDir(), 'stopped.sqlite'));
    const seen: number[] = [];
    const result = await recordRun(options(db, { signal: AbortSignal.abort(), onStep: (record) => seen.push(record.t) }));
    expect(result).toMatchObject({ status: 'interrupted', stepsCompleted: 0 });
    expect(seen).toEqual([]);
    db.close();
  });

  it('records a run whose world throws as failed, with the steps before it and the reason', async () => {
    const db = openForWriting(join(tempDir(), 'fail.sqlite'));
    const result = await recordRun(options(db, { world: fragile, worldRef: 'fragile', params: validateParams(fragile, { failAt: 4 }), steps: 10 }));
    expect(result.status).toBe('failed');
    expect(result.stepsCompleted).toBe(3);
    expect(result.error?.message).toBe('fragile world broke at step 4');
    expect(findRun(db, result.runId)).toMatchObject({ status: 'failed', steps_completed: 3, error: 'fragile world broke at step 4' });
    db.close();
  });

  it('fails the run when its writer refuses a step, and stops the simulation there', async () => {
    const db = openForWriting(join(tempDir(), 'writer.sqlite'));
    const seen: number[] = [];
    const writer = (runId: string): StepWriter => {
      const inline = new InlineStepWriter(db, runId);
      return {
        write: (record: StepRecord) => {
          if (record.t === 2) throw new Error('disk full');
          inline.write(record);
        },
        committed: () => inline.committed(),
        close: () => inline.close(),
      };
    };
    const result = await recordRun(options(db, { writer, onStep: (record) => seen.push(record.t) }));
    expect(result).toMatchObject({ status: 'failed', stepsCompleted: 1, error: new Error('disk full') });
    // The refused step is not reported as handed over, and no step after it is simulated.
    expect(seen).toEqual([1]);
    expect(findRun(db, result.runId)).toMatchObject({ status: 'failed', steps_completed: 1, error: 'disk full' });
    db.close();
  });

  it('fails a run whose writer fails to close, even one that completed', async () => {
    const db = openForWriting(join(tempDir(), 'close.sqlite'));
    const writer = (runId: string): StepWriter => {
      const inline = new InlineStepWriter(db, runId);
      return { write: (record) => inline.write(record), committed: () => inline.committed(), close: () => Promise.reject(new Error('cannot commit')) };
    };
    const result = await recordRun(options(db, { writer }));
    expect(result).toMatchObject({ status: 'failed', error: new Error('cannot commit') });
    expect(findRun(db, result.runId)).toMatchObject({ status: 'failed', error: 'cannot commit' });
    db.close();
  });

  it('reports the error of a run whose end cannot be recorded, as failed', async () => {
    const db = openForWriting(join(tempDir(), 'end.sqlite'));
    const writer = (runId: string): StepWriter => {
      const inline = new InlineStepWriter(db, runId);
      return {
        write: (record) => inline.write(record),
        committed: () => inline.committed(),
        close: async () => {
          await inline.close();
          db.exec('ALTER TABLE run RENAME TO gone');
        },
      };
    };
    const result = await recordRun(options(db, { writer }));
    expect(result.status).toBe('failed');
    expect(result.stepsCompleted).toBe(6);
    expect(result.error?.message).toMatch(/no such table: run/);
    db.close();
  });

  it('resumes an interrupted run from its last committed step: the same rows as a run never stopped', async () => {
    const dir = tempDir();
    const whole = openForWriting(join(dir, 'whole.sqlite'));
    const reference = await recordRun(options(whole));
    const db = openForWriting(join(dir, 'resumed.sqlite'));
    const stopped = await recordRun(options(db, stopAfter(2)));
    expect(stopped.stepsCompleted).toBe(2);
    const afters: number[] = [];
    const seen: number[] = [];
    const writer = (runId: string, after: number): StepWriter => (afters.push(after), new InlineStepWriter(db, runId));
    const resumed = await recordRun(options(db, { resume: findRun(db, stopped.runId), writer, onStep: (record) => seen.push(record.t) }));
    expect(resumed).toMatchObject({ runId: stopped.runId, status: 'completed', stepsCompleted: 6 });
    expect(afters).toEqual([2]);
    // Steps 1 and 2 are simulated again but not written again.
    expect(seen).toEqual([3, 4, 5, 6]);
    expect(rowsOf(db, resumed.runId)).toEqual(rowsOf(whole, reference.runId));
    expect(findRun(db, resumed.runId)).toMatchObject({ status: 'completed', steps_completed: 6, error: null, owner_host: null });
    whole.close();
    db.close();
  });

  it('counts the steps a resumed run had when it is stopped again before its next step', async () => {
    const db = openForWriting(join(tempDir(), 'again.sqlite'));
    const stopped = await recordRun(options(db, stopAfter(4)));
    const again = await recordRun(options(db, { resume: findRun(db, stopped.runId), signal: AbortSignal.abort() }));
    expect(again).toMatchObject({ runId: stopped.runId, status: 'interrupted', stepsCompleted: 4 });
    expect(findRun(db, stopped.runId)).toMatchObject({ status: 'interrupted', steps_completed: 4 });
    db.close();
  });

  it('stops listening to its signal once the run ends, however it ends', async () => {
    const db = openForWriting(join(tempDir(), 'listeners.sqlite'));
    const kept = new AbortController();
    expect((await recordRun(options(db, { signal: kept.signal }))).status).toBe('completed');
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
    const stop = stopAfter(2);
    expect((await recordRun(options(db, { ...stop, seed: 2 }))).status).toBe('interrupted');
    expect(getEventListeners(stop.signal!, 'abort')).toHaveLength(0);
    db.close();
  });
});
