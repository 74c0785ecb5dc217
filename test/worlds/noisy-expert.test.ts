import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld } from '../support/world-metrics.ts';

describe('noisy-expert world (Herrmann et al. §4.1, SCIENCE.md §3)', () => {
  it('records the one-shot scores at step 1: L(D_B) = 21/12, and do not delegate', async () => {
    const [first] = await runWorld('noisy-expert', {}, 1);
    // SCIENCE.md §3: L(D_B) = 21/12. G(D_B) = 43/12 is what Appendix A, Table 2 gives under the paper's
    // convention (the printed 32/12, and so S = −11/12, is an erratum; see agents/examples/herrmann-examples.ts).
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
    expect(run.stdout).toMatch(/final regret\/dynamic\/cumulative\s+\d/);
  });
});
