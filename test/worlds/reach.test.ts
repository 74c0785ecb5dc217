import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld } from '../support/world-metrics.ts';

describe('reach world (Herrmann et al. §4.3, SCIENCE.md §3)', () => {
  it('records Alice −0.11 and Bob −1.57 at step 1, the gain being reach alone', async () => {
    const [first] = await runWorld('reach', {}, 1);
    // SCIENCE.md §3: Bob's score improves from −0.11 to −1.57 through reach alone. Exact: −1/9 and −47/30.
    expect(metricAt(first, 'score/self')).toBeCloseTo(-1 / 9, 12);
    expect(metricAt(first, 'score/self/loss')).toBeCloseTo(23 / 9, 12);
    expect(metricAt(first, 'score/self/gain')).toBeCloseTo(8 / 3, 12);
    expect(metricAt(first, 'score/delegate')).toBeCloseTo(-47 / 30, 12);
    expect(metricAt(first, 'score/delegate/loss')).toBeCloseTo(23 / 15, 12);
    expect(metricAt(first, 'score/delegate/gain')).toBeCloseTo(31 / 10, 12);
    expect(metricAt(first, 'score/self')).toBeCloseTo(-0.11, 2);
    expect(metricAt(first, 'score/delegate')).toBeCloseTo(-1.57, 2);
    // Bob on Alice's boxes only scores as she does: same rule, so the difference is reach.
    expect(metricAt(first, 'score/delegate/without-reach')).toBeCloseTo(-1 / 9, 12);
    expect(metricAt(first, 'criterion/delegate')).toBe(1);
    // Expected payoffs: Alice (2 + 0 + 0)/3, Bob (2 + 0 + 0 + 2.5 + 5)/5.
    expect(metricAt(first, 'payoff/self')).toBeCloseTo(2 / 3, 12);
    expect(metricAt(first, 'payoff/delegate')).toBeCloseTo(1.9, 12);
  });

  it('UCB1 learns online to delegate to Bob (§5.1): more and more, most of the last 500 of 3,000 decisions', async () => {
    const records = await runWorld('reach', { policy: 'ucb1' }, 3000);
    const delegated = (rs: typeof records) => rs.filter((r) => r.decisions[0].choice === 'delegate').length / rs.length;
    expect(delegated(records.slice(-500))).toBeGreaterThan(0.6);
    expect(delegated(records.slice(-500))).toBeGreaterThan(delegated(records.slice(0, 500)));
    const last = records[records.length - 1];
    expect(metricAt(last, 'regret/pseudo/cumulative')).toBeLessThan(metricAt(last, 'regret/bound/ucb1'));
  });

  it('variance scales the boxes’ spread and keeps their means: same expected payoffs, different scores', async () => {
    for (const variance of [0, 16]) {
      const [first] = await runWorld('reach', { variance }, 1);
      expect(metricAt(first, 'payoff/self')).toBeCloseTo(2 / 3, 12);
      expect(metricAt(first, 'payoff/delegate')).toBeCloseTo(1.9, 12);
    }
    // With no variance every box pays its mean: nobody opens a losing box, so both losses are 0.
    const [flat] = await runWorld('reach', { variance: 0 }, 1);
    expect(metricAt(flat, 'score/self/loss')).toBe(0);
    expect(metricAt(flat, 'score/delegate/loss')).toBe(0);
  });

  it('SCIENCE.md §3.8 (the paper’s §5.1): UCB1 reaches 90% correct delegation within 1,000 steps when the boxes are flat, not within them when their variance is 64×', async () => {
    const learnedAt = async (variance: number, seed: number) => {
      const records = await runWorld('reach', { variance }, 1000, seed);
      const hit = records.find((r) => r.metrics.some((m) => m.name === 'learning/steps-to-90'));
      if (hit) expect(metricAt(hit, 'learning/optimal-share')).toBeGreaterThanOrEqual(0.9);
      return hit ? metricAt(hit, 'learning/steps-to-90') : null;
    };
    const seeds = [1, 2, 3, 4, 5];
    const flat = await Promise.all(seeds.map((seed) => learnedAt(0, seed)));
    const noisy = await Promise.all(seeds.map((seed) => learnedAt(64, seed)));
    expect(flat.every((t) => t !== null && t >= 100 && t < 1000)).toBe(true);
    expect(noisy.every((t) => t === null)).toBe(true);
  });

  it('shows the reach effect in the run summary (end to end)', () => {
    const run = cli(['run', 'reach', '--steps', '20', '--db', join(tempDir(), 'reach.sqlite'), '--quiet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/score\/self \(step 1\)\s+-0\.1111\n/);
    expect(run.stdout).toMatch(/score\/delegate \(step 1\)\s+-1\.567\n/);
    expect(run.stdout).toMatch(/score\/delegate\/without-reach \(step 1\)\s+-0\.1111\n/);
  });
});
