import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/kernel/world.ts';
import { openForWriting } from '../../src/record/database.ts';
import { Recorder, ROWS_PER_COMMIT } from '../../src/record/recorder.ts';
import { baseRunId, beginRun } from '../../src/record/run-log.ts';
import { tempDir } from '../support/cli.ts';

function step(t: number, metrics: string[] = ['a', 'b']): StepRecord {
  return { t, time: t, metrics: metrics.map((name) => ({ name, value: t })), decisions: [], events: [], snapshotJson: null };
}

function setUp() {
  const file = join(tempDir(), 'rec.sqlite');
  const db = openForWriting(file);
  const recorder = new Recorder(db);
  const runId = beginRun(db, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 10, snapshotEvery: 0 }, () => '2026-01-01T00:00:00.000Z');
  const reader = (): Database.Database => new Database(file, { readonly: true });
  const completed = (): number => {
    const r = reader();
    try {
      return r.prepare('SELECT steps_completed FROM runs').pluck().get() as number;
    } finally {
      r.close();
    }
  };
  return { db, recorder, runId, reader, completed };
}

describe('Recorder', () => {
  it('commits whole steps in batches: nothing is visible to readers before flush, everything after', () => {
    const { db, recorder, runId, completed } = setUp();
    recorder.writeStep(runId, step(1));
    recorder.writeStep(runId, step(2));
    expect(completed()).toBe(0);
    expect(recorder.committed()).toBe(0);
    recorder.flush();
    expect(completed()).toBe(2);
    expect(recorder.committed()).toBe(2);
    db.close();
  });

  it(`commits on its own once a batch holds ${ROWS_PER_COMMIT} rows`, () => {
    const { db, recorder, runId, completed } = setUp();
    const names = Array.from({ length: ROWS_PER_COMMIT }, (_, i) => `m${i}`);
    recorder.writeStep(runId, step(1, names));
    expect(completed()).toBe(1);
    db.close();
  });

  it('counts a step as its metrics, decisions and events plus one, and commits exactly at the threshold', () => {
    // One step of n metrics counts n + 1 rows: n = ROWS_PER_COMMIT − 1 reaches the threshold and
    // commits; one metric fewer stays pending.
    const names = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
    const below = setUp();
    below.recorder.writeStep(below.runId, step(1, names(ROWS_PER_COMMIT - 2)));
    expect(below.recorder.committed()).toBe(0);
    expect(below.completed()).toBe(0);
    below.db.close();
    const at = setUp();
    at.recorder.writeStep(at.runId, step(1, names(ROWS_PER_COMMIT - 1)));
    expect(at.recorder.committed()).toBe(1);
    expect(at.completed()).toBe(1);
    at.db.close();
  });

  it('a step that fails to write leaves the steps before it committed and none of its own rows', () => {
    const { db, recorder, runId, reader, completed } = setUp();
    recorder.writeStep(runId, step(1));
    recorder.writeStep(runId, step(2));
    expect(() => recorder.writeStep(runId, step(3, ['a', 'a']))).toThrow(/UNIQUE/);
    expect(completed()).toBe(2);
    const r = reader();
    expect(r.prepare('SELECT max(t) FROM metrics').pluck().get()).toBe(2);
    r.close();
    recorder.writeStep(runId, step(3));
    recorder.flush();
    expect(completed()).toBe(3);
    db.close();
  });

  it('a failing first step of a batch leaves no transaction open', () => {
    const { db, recorder, runId, completed } = setUp();
    expect(() => recorder.writeStep(runId, step(1, ['a', 'a']))).toThrow(/UNIQUE/);
    expect(db.inTransaction).toBe(false);
    expect(completed()).toBe(0);
    db.close();
  });
});

describe('Recorder batches', () => {
  const names = (n: number, prefix = 'm') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const decisionsOf = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ principal: `p${i}`, choice: 'self' as const, agent: null, policy: 'x', reward: 0, bestReward: 0, regret: 0, detailJson: '{}', time: 1 }));
  const eventsOf = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'e', subject: `s${i}`, payloadJson: '{}', time: 1 }));

  it('counts decisions and events with metrics: 1000 decisions, 998 events and one metric make a batch', () => {
    // 1 + 1000 + 998 + 1 = 2000 rows; one event fewer is 1999.
    for (const [events, committed] of [
      [998, 1],
      [997, 0],
    ]) {
      const { db, recorder, runId, completed } = setUp();
      recorder.writeStep(runId, { ...step(1, ['m']), decisions: decisionsOf(1000), events: eventsOf(events) });
      expect([recorder.committed(), completed()]).toEqual([committed, committed]);
      db.close();
    }
  });

  it('adds up the rows of the steps in a batch: two steps of 999 metrics make 2000 rows', () => {
    const { db, recorder, runId, completed } = setUp();
    recorder.writeStep(runId, step(1, names(999)));
    expect(completed()).toBe(0);
    recorder.writeStep(runId, step(2, names(999)));
    expect([recorder.committed(), completed()]).toEqual([2, 2]);
    db.close();
  });

  it("commits one run's batch before writing a step of another", () => {
    const { db, recorder, runId, completed } = setUp();
    const other = beginRun(db, { world: 'w', seed: 2, paramsJson: '{}', engineVersion: 'test', stepsRequested: 10, snapshotEvery: 0 });
    recorder.writeStep(runId, step(1));
    recorder.writeStep(runId, step(2));
    recorder.writeStep(other, step(1));
    expect(completed()).toBe(2);
    recorder.flush();
    expect(db.prepare('SELECT run_id, steps_completed FROM runs ORDER BY run_id = ?').raw().all(runId)).toEqual([
      [other, 1],
      [runId, 2],
    ]);
    db.close();
  });

  it('forgets the names a failed step added, so the step written again stores them anew', () => {
    const { db, recorder, runId, reader } = setUp();
    recorder.writeStep(runId, step(1));
    expect(() => recorder.writeStep(runId, step(2, ['new', 'a', 'a']))).toThrow(/UNIQUE/);
    recorder.writeStep(runId, step(2, ['new', 'a']));
    recorder.flush();
    const r = reader();
    expect(r.prepare('SELECT t, name FROM metrics ORDER BY t, name').raw().all()).toEqual([
      [1, 'a'],
      [1, 'b'],
      [2, 'a'],
      [2, 'new'],
    ]);
    r.close();
    db.close();
  });

  it('rolls back a batch whose commit fails, forgets its names, and commits the steps written after', () => {
    const { db, recorder, runId, reader, completed } = setUp();
    db.exec("CREATE TRIGGER refuse BEFORE UPDATE OF steps_completed ON run WHEN NEW.steps_completed = 2 BEGIN SELECT RAISE(ABORT, 'refused'); END");
    recorder.writeStep(runId, step(1, ['x']));
    recorder.writeStep(runId, step(2, ['y']));
    expect(() => recorder.flush()).toThrow(/refused/);
    expect(db.inTransaction).toBe(false);
    expect(recorder.committed()).toBe(0);
    expect(completed()).toBe(0);
    recorder.writeStep(runId, step(1, ['x']));
    recorder.flush();
    expect(recorder.committed()).toBe(1);
    const r = reader();
    expect(r.prepare('SELECT t, name FROM metrics').raw().all()).toEqual([[1, 'x']]);
    r.close();
    // Nothing waits in the batch any more: flushing again commits nothing.
    recorder.flush();
    expect(completed()).toBe(1);
    db.close();
  });

  it('counts no step of a batch whose commit failed, even once commits work again', () => {
    const { db, recorder, runId, reader, completed } = setUp();
    db.exec("CREATE TRIGGER refuse BEFORE UPDATE OF steps_completed ON run BEGIN SELECT RAISE(ABORT, 'refused'); END");
    recorder.writeStep(runId, step(1));
    recorder.writeStep(runId, step(2));
    expect(() => recorder.flush()).toThrow(/refused/);
    db.exec('DROP TRIGGER refuse');
    recorder.flush();
    expect([recorder.committed(), completed()]).toEqual([0, 0]);
    const r = reader();
    expect(r.prepare('SELECT count(*) FROM metrics').pluck().get()).toBe(0);
    r.close();
    db.close();
  });

  it('refuses a step of a run the recording does not hold', () => {
    const { db, recorder } = setUp();
    expect(() => recorder.writeStep('no-such-run', step(1))).toThrow(new Error('run no-such-run is not in the recording'));
    db.close();
  });

  it('stores a time only where it differs from the step, and reads every time back', () => {
    const { db, recorder, runId, reader } = setUp();
    const [decision] = decisionsOf(1);
    const [event] = eventsOf(1);
    recorder.writeStep(runId, { t: 1, time: 1, metrics: [{ name: 'a', value: 1 }], decisions: [decision], events: [event], snapshotJson: '{}' });
    recorder.writeStep(runId, { t: 2, time: 2.5, metrics: [{ name: 'a', value: 2 }], decisions: [{ ...decision, time: 2.25 }], events: [{ ...event, time: 2.125 }], snapshotJson: '{}' });
    recorder.flush();
    const r = reader();
    const times = (view: string, table: string) => [
      r.prepare(`SELECT time FROM ${view} ORDER BY t`).pluck().all(),
      r.prepare(`SELECT time FROM ${table} ORDER BY t`).pluck().all(),
    ];
    expect(times('metrics', 'metric')).toEqual([[1, 2.5], [null, 2.5]]);
    expect(times('decisions', 'decision')).toEqual([[1, 2.25], [null, 2.25]]);
    expect(times('events', 'event')).toEqual([[1, 2.125], [null, 2.125]]);
    expect(times('snapshots', 'snapshot')).toEqual([[1, 2.5], [null, 2.5]]);
    r.close();
    db.close();
  });
});

describe('baseRunId', () => {
  it('names everything that determines a run: the same inputs give the same id, any change another', () => {
    const header = { world: 'assistants', seed: 3, paramsJson: '{"a":1}', stepsRequested: 10, snapshotEvery: 0, parentRunId: null };
    const id = baseRunId(header);
    expect(id).toMatch(/^assistants-s3-[0-9a-f]{8}$/);
    expect(baseRunId({ ...header })).toBe(id);
    for (const change of [{ seed: 4 }, { paramsJson: '{"a":2}' }, { stepsRequested: 11 }, { snapshotEvery: 5 }, { parentRunId: 'x' }, { detail: 'full' as const }, { detail: 'none' as const }]) {
      expect(baseRunId({ ...header, ...change })).not.toBe(id);
    }
  });

  it('keeps the ids runs had before detail levels existed for runs at the default level', () => {
    const header = { world: 'assistants', seed: 3, paramsJson: '{"a":1}', stepsRequested: 10, snapshotEvery: 0, parentRunId: null };
    expect(baseRunId({ ...header, detail: 'summary' })).toBe(baseRunId(header));
    // The id of the stag hunt run in the version 1 fixture, made before detail levels.
    expect(baseRunId({ ...header, world: 'stag-hunt', seed: 1, paramsJson: '{"play":"cooperative","driftRate":0.05,"meatValue":0.15,"noise":0}', stepsRequested: 5, snapshotEvery: 2 })).toBe('stag-hunt-s1-25b91f19');
  });
});
