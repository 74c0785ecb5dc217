import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError } from '../../src/kernel/errors.ts';
import { validateParams } from '../../src/kernel/params.ts';
import { defineWorld, type AnyWorld } from '../../src/kernel/world.ts';
import { openForWriting, type Recording } from '../../src/record/database.ts';
import { findRun, type RunRow } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { stepAtTime, stepOfEvent } from '../../src/replay/seek.ts';
import asyncAssistants from '../../worlds/async-assistants.ts';
import coin from '../fixtures/coin.ts';
import { tempDir } from '../support/cli.ts';

/** async-assistants observes every 5 units of time (SCIENCE.md, event-driven worlds): record k closes at 5k. */
const INTERVAL = 5;
const STEPS = 4;

let db: Recording;
let run: RunRow;

beforeAll(async () => {
  db = openForWriting(join(tempDir(), 'seek.sqlite'));
  const params = validateParams(asyncAssistants, { principals: 3, arrivalRate: 2 });
  const { runId } = await recordRun({ db, world: asyncAssistants, worldRef: 'async-assistants', params, seed: 3, steps: STEPS, snapshotEvery: 0 });
  run = findRun(db, runId);
});

afterAll(() => db.close());

describe('stepAtTime', () => {
  it('finds the first observation at or after a time: ⌈time / interval⌉, at least the first', () => {
    expect(run.steps_completed).toBe(STEPS);
    const expected = (time: number): number => {
      // The observations close at 5, 10, 15, 20: the first one not before `time`.
      for (let k = 1; k <= STEPS; k++) if (k * INTERVAL >= time) return k;
      throw new Error('past the last observation');
    };
    for (const time of [0, 0.5, 4.999, 5, 5.001, 10, 12.5, 15, 19.99, 20]) expect(stepAtTime(asyncAssistants, run, time)).toBe(expected(time));
  });

  it('takes a stepped world to observe at every unit of time', () => {
    expect(stepAtTime(coin as AnyWorld, run, 2.5)).toBe(3);
    expect(stepAtTime(coin as AnyWorld, run, 4)).toBe(4);
  });

  it('refuses a time after the last observation, naming the last', () => {
    expect(() => stepAtTime(asyncAssistants, run, 20.01)).toThrow(InputError);
    expect(() => stepAtTime(asyncAssistants, run, 20.01)).toThrow(`--time 20.01: expected a time up to 20, the last observation of run ${run.run_id}`);
    expect(() => stepAtTime(coin as AnyWorld, run, 4.5)).toThrow(`--time 4.5: expected a time up to 4, the last observation of run ${run.run_id}`);
  });

  it('refuses a world that records on events, which has no time-to-record rule', () => {
    const onEvents = defineWorld({
      name: 'on-events',
      description: 'records after each arrival',
      params: z.object({}),
      defaultSteps: 3,
      init: () => ({}),
      start: (ctx) => void ctx.queue.at('arrival', 1),
      handlers: { arrival: () => {} },
      observe: { on: ['arrival'] },
      measure: () => {},
    });
    expect(() => stepAtTime(onEvents as AnyWorld, run, 1)).toThrow(InputError);
    expect(() => stepAtTime(onEvents as AnyWorld, run, 1)).toThrow("--time 1: world 'on-events' records on events, not at a fixed interval: expected --step or --event");
  });
});

describe('stepOfEvent', () => {
  it("finds the n-th event in the order (step, seq), from 1 to the run's count", () => {
    const events = db.prepare('SELECT t, seq FROM events WHERE run_id = ?').all(run.run_id) as { t: number; seq: number }[];
    const ordered = [...events].sort((a, b) => a.t - b.t || a.seq - b.seq);
    // Several steps with several events each, so the order within and across steps both matter.
    expect(new Set(ordered.map((e) => e.t)).size).toBeGreaterThan(1);
    expect(ordered.length).toBeGreaterThan(new Set(ordered.map((e) => e.t)).size);
    for (const n of [1, 2, Math.ceil(ordered.length / 2), ordered.length]) expect(stepOfEvent(db, run, n)).toEqual(ordered[n - 1]);
  });

  it('refuses a number outside 1 … count, naming the range', () => {
    const count = (db.prepare('SELECT count(*) FROM events WHERE run_id = ?').pluck().get(run.run_id) as number);
    for (const n of [0, -1, count + 1]) {
      expect(() => stepOfEvent(db, run, n)).toThrow(InputError);
      expect(() => stepOfEvent(db, run, n)).toThrow(`--event ${n}: expected an event number from 1 to ${count} of run ${run.run_id}`);
    }
  });
});
