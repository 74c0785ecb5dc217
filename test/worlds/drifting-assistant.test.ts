import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld } from '../support/world-metrics.ts';

const finalDynamic = async (policy: string, seed: number) => {
  const records = await runWorld('drifting-assistant', { policy }, 3000, seed);
  return metricAt(records[records.length - 1], 'regret/dynamic/cumulative');
};

describe('drifting-assistant world (SCIENCE.md §5, Garivier & Moulines 2011)', () => {
  it('records the decay step, and the oracle has zero dynamic regret', async () => {
    const records = await runWorld('drifting-assistant', { policy: 'oracle' }, 3000);
    const decayAt = metricAt(records[0], 'decay/step');
    expect(decayAt).toBeGreaterThanOrEqual(1000);
    expect(decayAt).toBeLessThanOrEqual(2000);
    expect(records[decayAt - 1].events.map((e) => e.type)).toContain('alignment-decay');
    expect(metricAt(records[2999], 'regret/dynamic/cumulative')).toBe(0);
    // Before the decay a1 is best at every step, so pseudo = dynamic; after it, pseudo ≤ dynamic.
    expect(records[decayAt - 2].decisions.every((d) => d.agent === 'a1')).toBe(true);
    expect(records[decayAt].decisions.every((d) => d.agent === 'a2')).toBe(true);
  });

  it('SW-UCB has lower dynamic regret than UCB1 on seeds 1–3 with the defaults', async () => {
    for (const seed of [1, 2, 3]) {
      const [sw, ucb] = [await finalDynamic('sw-ucb', seed), await finalDynamic('ucb1', seed)];
      expect(sw).toBeLessThan(0.85 * ucb);
    }
  });

  it('shows the difference in the run summaries (end to end; a shorter run, the decay by step 600)', () => {
    const dir = tempDir();
    const shorter = ['--steps', '1000', '--set', 'decayEarliest=300', '--set', 'decayLatest=600', '--set', 'window=300'];
    const dynamic = (policy: string): number => {
      const run = cli(['run', 'drifting-assistant', ...shorter, '--set', `policy=${policy}`, '--db', join(dir, `${policy}.sqlite`), '--quiet']);
      expect(run.status).toBe(0);
      return Number(/final regret\/dynamic\/cumulative\s+([\d.]+)/.exec(run.stdout)?.[1]);
    };
    const [sw, ucb] = [dynamic('sw-ucb'), dynamic('ucb1')];
    expect(sw).toBeGreaterThan(0);
    expect(sw).toBeLessThan(0.85 * ucb);
  });
});
