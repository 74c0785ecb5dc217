import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld } from '../support/world-metrics.ts';

describe('noisy-expert world (Herrmann et al. §4.1, SCIENCE.md §3)', () => {
  it('records the one-shot scores at step 1: L(D_B) = 21/12, and do not delegate', async () => {
    const [first] = await runWorld('noisy-expert', {}, 1);
    // SCIENCE.md §3: L(D_B) = 21/12 as printed. Under our reading of the example, counting every correct
    // decision gives G(D_B) = 43/12 (the printed 32/12, S = −11/12, follows under neither convention).
    expect(metricAt(first, 'score/delegate/loss')).toBeCloseTo(21 / 12, 12);
    expect(metricAt(first, 'score/delegate/gain')).toBeCloseTo(43 / 12, 12);
    expect(metricAt(first, 'score/delegate')).toBeCloseTo(-22 / 12, 12);
    // Alice opens always: L = 20/12 (the −5 rows), G = 44/12, S = −2 < S(D_B): do not delegate.
    expect(metricAt(first, 'score/self/loss')).toBeCloseTo(20 / 12, 12);
    expect(metricAt(first, 'score/self/gain')).toBeCloseTo(44 / 12, 12);
    expect(metricAt(first, 'score/self')).toBeCloseTo(-2, 12);
    expect(metricAt(first, 'criterion/delegate')).toBe(0);
    // Expected payoffs: Alice E[ω] = 2; Bob (−10 + 9 + 24)/12 = 23/12.
    expect(metricAt(first, 'payoff/self')).toBeCloseTo(2, 12);
    expect(metricAt(first, 'payoff/delegate')).toBeCloseTo(23 / 12, 12);
    const [event] = first.events.filter((e) => e.type === 'criterion');
    expect(JSON.parse(event.payloadJson)).toMatchObject({ convention: 'correct', delegate: false });
  });

  it('SCIENCE.md §3.5: records the printed numbers beside both candidate corrections, each with its convention (a reading, not an erratum)', async () => {
    const [first] = await runWorld('noisy-expert', {}, 1);
    expect(metricAt(first, 'printed/delegate/loss')).toBeCloseTo(21 / 12, 12);
    expect(metricAt(first, 'printed/delegate/gain')).toBeCloseTo(32 / 12, 12);
    expect(metricAt(first, 'printed/delegate')).toBeCloseTo(-11 / 12, 12);
    const payload = JSON.parse(first.events.find((e) => e.type === 'criterion')!.payloadJson);
    expect(payload.printed.delegate).toEqual({ loss: 21 / 12, gain: 32 / 12, score: -11 / 12 });
    expect(payload.readings.correct.agent.gain).toBeCloseTo(43 / 12, 12);
    expect(payload.readings.accepted.agent.gain).toBeCloseTo(33 / 12, 12);
    expect(payload.readings.accepted.agent.score).toBeCloseTo(-1, 12);
    expect(payload.readings.correct.delegate).toBe(false);
    expect(payload.readings.accepted.delegate).toBe(false);
    // Counting accepted winners only: G = 33/12, S = −1 > −2 (Alice opens always, so her score is the same): do not delegate.
    const [accepted] = await runWorld('noisy-expert', { convention: 'accepted' }, 1);
    expect(metricAt(accepted, 'score/delegate/gain')).toBeCloseTo(33 / 12, 12);
    expect(metricAt(accepted, 'score/delegate')).toBeCloseTo(-1, 12);
    expect(metricAt(accepted, 'score/self')).toBeCloseTo(-2, 12);
    expect(metricAt(accepted, 'criterion/delegate')).toBe(0);
  });

  it('keeps UCB1 pseudo-regret under the Auer bound on its stationary arms, and pseudo = dynamic', async () => {
    const records = await runWorld('noisy-expert', { policy: 'ucb1' }, 300);
    for (const r of records.filter((r) => r.t % 50 === 0)) {
      expect(metricAt(r, 'regret/pseudo/cumulative')).toBeLessThanOrEqual(metricAt(r, 'regret/bound/ucb1'));
      expect(metricAt(r, 'regret/pseudo/cumulative')).toBeCloseTo(metricAt(r, 'regret/dynamic/cumulative'), 9);
    }
  });

  it('prints the §4.1 scores in the run summary (end to end)', () => {
    const run = cli(['run', 'noisy-expert', '--steps', '20', '--db', join(tempDir(), 'noisy.sqlite'), '--quiet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/score\/delegate\/loss \(step 1\)\s+1\.75\n/);
    expect(run.stdout).toMatch(/score\/delegate \(step 1\)\s+-1\.833\n/);
    expect(run.stdout).toMatch(/score\/self \(step 1\)\s+-2\n/);
    expect(run.stdout).toMatch(/criterion\/delegate \(step 1\)\s+0\n/);
    expect(run.stdout).toMatch(/printed\/delegate\/gain \(step 1\)\s+2\.667\n/);
    expect(run.stdout).toMatch(/final regret\/dynamic\/cumulative\s+\d/);
  });
});
