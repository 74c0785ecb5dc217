import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../../src/kernel/world.ts';
import { openForReading, openForWriting } from '../../src/record/database.ts';
import { beginRun } from '../../src/record/run-log.ts';
import { fromMessage, toMessage } from '../../src/record/step-message.ts';
import { ThreadStepWriter } from '../../src/record/step-writer.ts';
import { validateParams } from '../../src/kernel/params.ts';
import { simulate } from '../../src/kernel/simulate.ts';
import assistants from '../../worlds/assistants.ts';
import { tempDir } from '../support/cli.ts';

const step = (t: number): StepRecord => ({ t, time: t, metrics: [{ name: 'x', value: t }], decisions: [], events: [], snapshotJson: null });

describe('ThreadStepWriter', () => {
  it('commits every step it was handed when closed', async () => {
    const file = join(tempDir(), 'thread.sqlite');
    const db = openForWriting(file);
    const runId = beginRun(db, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 100, snapshotEvery: 0 });
    db.close();
    const writer = new ThreadStepWriter(file, runId);
    for (let t = 1; t <= 100; t++) writer.write(step(t));
    await writer.close();
    expect(writer.committed()).toBe(100);
    const reader = openForReading(file);
    expect(reader.prepare('SELECT count(*) FROM metrics').pluck().get()).toBe(100);
    expect(reader.prepare('SELECT steps_completed FROM runs').pluck().get()).toBe(100);
    reader.close();
  });

  it('fails the run instead of hanging when its thread cannot open the recording', async () => {
    const writer = new ThreadStepWriter(tempDir(), 'no-such-run');
    const writeMany = (): void => {
      for (let t = 1; t <= 200; t++) writer.write(step(t));
    };
    // The thread's message waits for this thread's event loop: until then the failure has no reason.
    expect(writeMany).toThrow(new Error('the recording thread failed'));
    await expect(writer.close()).rejects.toThrow(/is a directory/);
  });

  it('hands the writer thread each step as it was, decisions and events included', () => {
    const params = validateParams(assistants, { principals: 4, shiftAt: 2 });
    const records = [...simulate(assistants, params, { seed: 3, steps: 3, snapshotEvery: 1 })];
    expect(records.some((r) => r.events.length > 0)).toBe(true);
    expect(records.some((r) => r.decisions.some((d) => d.agent === null))).toBe(true);
    for (const record of records) expect(fromMessage(structuredClone(toMessage(record)))).toEqual(record);
  });

  it('runs at most one step ahead of its thread when a step holds half of the rows it may queue', async () => {
    const file = join(tempDir(), 'ahead.sqlite');
    const db = openForWriting(file);
    const runId = beginRun(db, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 6, snapshotEvery: 0 });
    db.close();
    // 49,998 metrics, a decision and an event, plus one: 50,001 rows, and 100,000 rows may be queued.
    const names = Array.from({ length: 49_998 }, (_, i) => `m${i}`);
    const decision = { principal: 'p', choice: 'self' as const, agent: null, policy: 'x', reward: 0, bestReward: 0, regret: 0, detailJson: '{}', time: 1 };
    const big = (t: number): StepRecord => ({
      ...step(t),
      time: t,
      metrics: names.map((name) => ({ name, value: t })),
      decisions: [{ ...decision, time: t }],
      events: [{ type: 'e', subject: 's', payloadJson: '{}', time: t }],
    });
    const writer = new ThreadStepWriter(file, runId);
    const lag: number[] = [];
    for (let t = 1; t <= 6; t++) {
      writer.write(big(t));
      // Each step holds over 2000 rows and is committed on its own.
      lag.push(t - writer.committed());
    }
    await writer.close();
    expect(Math.max(...lag)).toBeLessThanOrEqual(1);
    expect(writer.committed()).toBe(6);
  });

  it('reports the error of a thread that dies of it, rather than waiting for it', async () => {
    const file = join(tempDir(), 'dies.sqlite');
    const db = openForWriting(file);
    const runId = beginRun(db, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 1, snapshotEvery: 0 });
    db.close();
    const writer = new ThreadStepWriter(file, runId);
    // A step number the progress array cannot hold: the thread's own bookkeeping throws.
    const impossible = { ...step(1), t: 1n as unknown as number };
    expect(() => writer.write(impossible)).toThrow(TypeError);
    await expect(writer.close()).rejects.toThrow(/BigInt/);
  });
});
