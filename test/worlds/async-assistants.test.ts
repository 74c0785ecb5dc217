import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { KERNEL_EVENTS, simulate } from '../../src/kernel/simulate.ts';
import type { StepRecord } from '../../src/kernel/world.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { replayCounterfactual } from '../../src/replay/counterfactual.ts';
import asyncAssistants from '../../worlds/async-assistants.ts';
import { tempDir } from '../support/cli.ts';

const run = (params: Record<string, unknown>, steps: number, seed = 1): StepRecord[] =>
  [...simulate(asyncAssistants, validateParams(asyncAssistants, params), { seed, steps, snapshotEvery: 0 })];

const series = (records: readonly StepRecord[], name: string): number[] =>
  records.map((r) => r.metrics.find((m) => m.name === name)?.value ?? NaN);

describe('async-assistants', () => {
  it('sees the same problems at the same times under another policy (arrivals and problems keyed per principal)', () => {
    const arrivals = (policy: string) =>
      run({ principals: 6, policy }, 30).flatMap((r) => r.decisions.map((d) => `${d.principal}@${d.time}:${d.bestReward}`));
    const ucb1 = arrivals('ucb1');
    expect(ucb1.length).toBeGreaterThan(6 * 100);
    expect(arrivals('bayes-score')).toEqual(ucb1);
    expect(arrivals('never')).toEqual(ucb1);
  });

  it('records at every observation, in simulation time, with each decision at its arrival time', () => {
    const records = run({ principals: 4 }, 10);
    expect(records.map((r) => r.time)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    for (const r of records) for (const d of r.decisions) expect(d.time > r.time - 5 && d.time <= r.time).toBe(true);
  });

  it('queues at a busy assistant: no waiting with ample capacity, waiting and queues when it is scarce', () => {
    const ample = run({ principals: 10, policy: 'always', capacity: 10_000 }, 20);
    expect(series(ample, 'wait/mean').every((w) => w === 0)).toBe(true);
    expect(series(ample, 'queue/total').every((q) => q === 0)).toBe(true);
    // Ten principals at rate ≈ 1 all send to a1, which serves one problem at a time in 0.5 on average: ≈ 10 in, 2 out per unit of time.
    const scarce = run({ principals: 10, policy: 'always', capacity: 1 }, 20);
    const queues = series(scarce, 'queue/a1');
    expect(queues.at(-1)!).toBeGreaterThan(queues[0]);
    expect(series(scarce, 'wait/mean').at(-1)!).toBeGreaterThan(10);
  });

  it('charges regret when a principal decides, whenever the audit comes back', () => {
    for (const auditDelay of [0, 50]) {
      const records = run({ principals: 5, auditDelay, policy: 'ucb1' }, 20);
      const charged = records.flatMap((r) => r.decisions).reduce((s, d) => s + d.regret, 0);
      expect(series(records, 'regret/cumulative').at(-1)!).toBeCloseTo(charged, 9);
    }
  });

  it('learns only from audits that have arrived: with audits later than the run, beliefs stay at the prior', () => {
    const records = run({ principals: 2, auditDelay: 10_000, policy: 'ucb1' }, 5);
    expect(series(records, 'belief/p1/a1/accuracy').every((m) => m === 0.5)).toBe(true);
    const prompt = run({ principals: 2, auditDelay: 0, policy: 'ucb1' }, 5);
    expect(series(prompt, 'belief/p1/a1/accuracy').at(-1)).not.toBe(0.5);
  });

  it('records what each audit changed in the beliefs of the first principals, as patches', () => {
    const records = run({ principals: 5, auditDelay: 0 }, 4);
    const updates = records.flatMap((r) => r.events).filter((e) => e.type === 'belief');
    expect(new Set(updates.map((e) => e.subject))).toEqual(new Set(['p1', 'p2', 'p3']));
    // The last value p1's patches set for a1's accuracy posterior gives the mean her series reports at the end.
    const patches = updates.filter((u) => u.subject === 'p1').flatMap((e) => JSON.parse(e.payloadJson) as { path: (string | number)[]; value: number }[]);
    const lastSet = (path: string): number => patches.filter((patch) => patch.path.join('/') === path).at(-1)?.value ?? 1;
    const [alpha, beta] = [lastSet('1/right/alpha'), lastSet('1/right/beta')];
    expect(alpha + beta).toBeGreaterThan(3);
    expect(records.at(-1)!.metrics.find((m) => m.name === 'belief/p1/a1/accuracy')!.value).toBe(alpha / (alpha + beta));
  });

  it('corrupts a1 at the shift and records it', () => {
    const records = run({ principals: 2, shiftAt: 12 }, 4);
    const shift = records.flatMap((r) => r.events).find((e) => e.type === 'deployment-shift')!;
    expect(shift).toMatchObject({ subject: 'a1', time: 12, payloadJson: '{"bias":1.5}' });
    expect(series(records, 'bias/a1').slice(2)).toEqual([1.5, 1.5]);
  });

  it('ends cleanly when nothing is left to happen', () => {
    const records = run({ principals: 2, arrivalRate: 0, driftRate: 0, shiftAt: 0 }, 10);
    expect(records).toHaveLength(1);
    expect(records[0].events.map((e) => e.type)).toEqual([KERNEL_EVENTS.end]);
  });

  it('replays under another policy with the same arrivals, recorded as a counterfactual', async () => {
    const db = openForWriting(join(tempDir(), 'async.sqlite'));
    try {
      const params = validateParams(asyncAssistants, { principals: 5, policy: 'sw-ucb' });
      const parent = await recordRun({ db, world: asyncAssistants, worldRef: 'async-assistants', params, seed: 3, steps: 20, snapshotEvery: 0 });
      const child = await replayCounterfactual(db, findRun(db, parent.runId), { policy: 'bayes-score' });
      const problems = (runId: string) =>
        db.prepare('SELECT t, principal, best_reward FROM decisions WHERE run_id = ? ORDER BY t, seq').raw().all(runId);
      expect(problems(child.runId)).toEqual(problems(parent.runId));
      const policies = db.prepare('SELECT DISTINCT policy FROM decisions WHERE run_id = ?').pluck();
      expect(policies.all(child.runId)).toEqual(['bayes-score']);
    } finally {
      db.close();
    }
  });
});
