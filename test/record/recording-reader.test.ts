import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecisionRow, StepRecord } from '../../src/kernel/world.ts';
import { openForWriting } from '../../src/record/database.ts';
import { Recorder } from '../../src/record/recorder.ts';
import { openRecording, RecordingReader } from '../../src/record/recording-reader.ts';
import { beginRun, finishRun } from '../../src/record/run-log.ts';
import { tempDir } from '../support/cli.ts';

const decision = (principal: string, agent: string | null, reward: number, time: number): DecisionRow => ({
  principal,
  choice: agent === null ? 'self' : 'delegate',
  agent,
  policy: 'ucb1',
  reward,
  bestReward: 0.75,
  regret: 0.75 - reward,
  detailJson: `{"area":"${principal}","index":[${reward}]}`,
  time,
});

/** Two steps of an event-driven world: observations at times 0.5 and 2.5, rows between them at times of their own. */
const STEPS: StepRecord[] = [
  {
    t: 1,
    time: 0.5,
    metrics: [{ name: 'welfare', value: 0.25 }, { name: 'count', value: 1 }],
    decisions: [decision('p1', 'a1', 0.25, 0.2), decision('p2', null, 0.5, 0.4)],
    events: [{ type: 'drift', subject: 'a1', payloadJson: '{"by":0.1}', time: 0.3 }],
    snapshotJson: null,
  },
  {
    t: 2,
    time: 2.5,
    metrics: [{ name: 'welfare', value: NaN }],
    decisions: [decision('p1', null, 0.75, 2)],
    events: [],
    snapshotJson: null,
  },
];

async function recording(): Promise<{ file: string; first: string; second: string }> {
  const file = join(tempDir(), 'reader.sqlite');
  const db = openForWriting(file);
  const header = { world: 'w', seed: 7, paramsJson: '{"rate":2}', engineVersion: '9.9.9', stepsRequested: 2, snapshotEvery: 0, detail: 'full' as const };
  const first = beginRun(db, header, () => '2026-01-01T00:00:00.000Z');
  const recorder = new Recorder(db);
  for (const step of STEPS) recorder.writeStep(first, step);
  recorder.flush();
  finishRun(db, first, 'FAIL', 'boom', () => '2026-01-01T00:01:00.000Z');
  const second = beginRun(db, { ...header, seed: 8, parentRunId: first }, () => '2026-01-02T00:00:00.000Z');
  db.close();
  return { file, first, second };
}

describe('RecordingReader', () => {
  it('gives every run as typed fields, oldest first, and one by id or the latest', async () => {
    const { file, first, second } = await recording();
    const reader = openRecording(file);
    expect(reader).toBeInstanceOf(RecordingReader);
    expect(reader.file).toBe(file);
    const firstInfo = {
      id: first,
      world: 'w',
      seed: 7,
      params: { rate: 2 },
      status: 'failed',
      stepsRequested: 2,
      stepsCompleted: 2,
      parentRunId: null,
      engineVersion: '9.9.9',
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:01:00.000Z',
      error: 'boom',
    };
    expect(reader.run(first)).toEqual(firstInfo);
    // The second run was begun by this process and never finished: still running.
    const secondInfo = { ...firstInfo, id: second, seed: 8, status: 'running', stepsCompleted: 0, parentRunId: first, startedAt: '2026-01-02T00:00:00.000Z', finishedAt: null, error: null };
    expect(reader.runs()).toEqual([firstInfo, secondInfo]);
    expect(reader.run()).toEqual(secondInfo);
    reader.close();
  });

  it("reads a run's series, decisions and events with their simulation times and parsed JSON", async () => {
    const { file, first, second } = await recording();
    const reader = new RecordingReader(file);
    expect(reader.seriesNames(first)).toEqual(['count', 'welfare']);
    expect(reader.seriesNames()).toEqual([]);
    expect(reader.series('welfare', first)).toEqual([
      { t: 1, time: 0.5, value: 0.25 },
      { t: 2, time: 2.5, value: null },
    ]);
    expect(reader.series('welfare', second)).toEqual([]);
    const { detailJson: _1, ...p1 } = decision('p1', 'a1', 0.25, 0.2);
    const { detailJson: _2, ...p2 } = decision('p2', null, 0.5, 0.4);
    const { detailJson: _3, ...p1Again } = decision('p1', null, 0.75, 2);
    expect(reader.decisions(first)).toEqual([
      { ...p1, t: 1, seq: 0, detail: { area: 'p1', index: [0.25] } },
      { ...p2, t: 1, seq: 1, detail: { area: 'p2', index: [0.5] } },
      { ...p1Again, t: 2, seq: 0, detail: { area: 'p1', index: [0.75] } },
    ]);
    expect(reader.events(first)).toEqual([{ t: 1, time: 0.3, seq: 0, type: 'drift', subject: 'a1', payload: { by: 0.1 } }]);
    expect(reader.decisions()).toEqual([]);
    expect(reader.events()).toEqual([]);
    reader.close();
  });

  it('lets go of the file when closed', async () => {
    const { file } = await recording();
    const reader = openRecording(file);
    expect(reader.runs()).toHaveLength(2);
    reader.close();
    expect(() => reader.runs()).toThrow(/not open/);
  });

  it('takes the step as the time of every row of a schema version 1 recording, which kept none', () => {
    const reader = openRecording('test/fixtures/recording-v1.sqlite');
    const runId = 'every-table-s1-2a055218';
    expect(reader.seriesNames(runId)).toEqual(['regret/cumulative', 'welfare/principals']);
    const series = reader.series('welfare/principals', runId);
    expect(series.map((p) => [p.t, p.time])).toEqual([1, 2, 3, 4, 5, 6].map((t) => [t, t]));
    // Its 3 principals delegate to a1 at reward 0.75: the world sums 3 · 0.75 a step, 2.25 · t by step t, and divides by t.
    for (const point of series) expect(point.value).toBeCloseTo(3 * 0.75, 12);
    const decisions = reader.decisions(runId);
    expect(decisions).toHaveLength(18);
    for (const d of decisions) expect(d.time).toBe(d.t);
    // Events at the even steps.
    expect(reader.events(runId).map((e) => [e.t, e.time])).toEqual([2, 4, 6].map((t) => [t, t]));
    reader.close();
  });
});
