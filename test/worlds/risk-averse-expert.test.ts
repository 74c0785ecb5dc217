import { describe, expect, it } from 'vitest';
import { metricAt, runWorld } from '../support/world-metrics.ts';

const firstStep = async (params: Record<string, unknown>) => (await runWorld('risk-averse-expert', params, 1))[0];

describe('risk-averse-expert world (Herrmann et al. §4.2, SCIENCE.md §3)', () => {
  it('records S(D_B) = −700/12 < S(D_π) = −150/12 at the paper\'s fee of 50: delegate despite misalignment', async () => {
    const first = await firstStep({});
    expect(metricAt(first, 'score/delegate')).toBeCloseTo(-700 / 12, 12);
    expect(metricAt(first, 'score/delegate/loss')).toBeCloseTo(700 / 12, 12);
    expect(metricAt(first, 'score/self')).toBeCloseTo(-150 / 12, 12);
    expect(metricAt(first, 'criterion/delegate')).toBe(1);
    // Delegating pays (−400 + 25 + 2·100 + 2·225 − 6·50)/12 = −25/12 in expectation; Alice's 0.
    expect(metricAt(first, 'payoff/delegate')).toBeCloseTo(-25 / 12, 12);
    expect(metricAt(first, 'payoff/self')).toBe(0);
  });

  it('the fee leaves the score unchanged under the `correct` convention but sets where delegating stops paying', async () => {
    for (const fee of [0, 100, 300]) expect(metricAt(await firstStep({ fee }), 'score/delegate')).toBeCloseTo(-700 / 12, 9);
    expect(metricAt(await firstStep({ fee: 275 / 6 }), 'payoff/delegate')).toBeCloseTo(0, 12);
    expect(metricAt(await firstStep({ fee: 45 }), 'payoff/delegate')).toBeGreaterThan(0);
    expect(metricAt(await firstStep({ fee: 46 }), 'payoff/delegate')).toBeLessThan(0);
  });

  it('under the `accepted` convention the criterion turns at a fee of 220 (ties delegate)', async () => {
    // Alice: L = (3·25 + 3·100 + 3·225)/12 = 1050/12, G = 0. Bob at fee f ∈ [100, 225]: L = (6f − 275 + 2·(225 − f))/12 … = S_A at f = 220.
    expect(metricAt(await firstStep({ convention: 'accepted', fee: 220 }), 'criterion/delegate')).toBe(1);
    expect(metricAt(await firstStep({ convention: 'accepted', fee: 220 }), 'score/delegate')).toBeCloseTo(1050 / 12, 9);
    expect(metricAt(await firstStep({ convention: 'accepted', fee: 221 }), 'criterion/delegate')).toBe(0);
  });

  it('SCIENCE.md §3.6: at the paper’s fee of 50 the criterion says delegate, delegating pays (275 − 300)/12 < 0, and UCB1 cannot tell within 2,000 steps', async () => {
    const records = await runWorld('risk-averse-expert', { policy: 'ucb1' }, 2000);
    const [first] = records;
    expect(metricAt(first, 'criterion/delegate')).toBe(1);
    expect(metricAt(first, 'payoff/delegate')).toBeCloseTo(-25 / 12, 12);
    expect(metricAt(first, 'payoff/self')).toBe(0);
    // The gap, 25/12, is 0.3% of the payoff range [−450, 225]: UCB1 still splits its decisions about evenly.
    const self = records.slice(-500).filter((r) => r.decisions[0].choice === 'self').length / 500;
    expect(self).toBeGreaterThan(0.3);
    expect(self).toBeLessThan(0.7);
    expect(records.some((r) => r.metrics.some((m) => m.name === 'learning/steps-to-90'))).toBe(false);
  });

  it('the dynamic run rewards realised payoff: at fee 50 the oracle decides herself, at fee 0 it delegates', async () => {
    const choices = async (fee: number) => (await runWorld('risk-averse-expert', { policy: 'oracle', fee }, 5)).map((r) => r.decisions[0].choice);
    expect(await choices(50)).toEqual(new Array(5).fill('self'));
    expect(await choices(0)).toEqual(new Array(5).fill('delegate'));
  });
});
