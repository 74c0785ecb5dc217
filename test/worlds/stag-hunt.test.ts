// The stag-hunt world (SCIENCE.md §2): principals value fruit/fruit, fruit/mammoth,
// mammoth/fruit, mammoth/mammoth at 2, 1, 1, 10; their bots drift toward (2, 1, 1, 10·meatValue).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import world from '../../worlds/stag-hunt.ts';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld } from '../support/world-run.ts';

/** A bot holding (2, 1, 1, x): its standardised magnitude and its distance from the principals' (2, 1, 1, 10), whose magnitude is √57. */
function bot(x: number): { magnitude: number; distance: number } {
  const magnitude = Math.sqrt(6 + x * x - (4 + x) ** 2 / 4);
  const cos = (6.5 * x - 8) / (Math.sqrt(57) * magnitude);
  return { magnitude, distance: Math.sqrt((1 - cos) / 2) };
}

/** The bots' mammoth/mammoth value at drift λ with meatValue 0.15. */
const mammothValue = (lambda: number) => 10 * (1 - lambda) + 1.5 * lambda;

describe('stag-hunt world', () => {
  it('cooperative bots: the principals’ welfare regret rises to 16 while the bots’ own welfare regret stays 0', () => {
    const steps = runWorld(world, { play: 'cooperative' }, 21);
    const regret = steps.map((s) => metricAt(s, 'welfare_regret/principals'));
    const distance = steps.map((s) => metricAt(s, 'alignment_distance/p1'));
    for (const s of steps) {
      expect(metricAt(s, 'welfare_regret/agents')).toBe(0);
      expect(metricAt(s, 'bound/cooperation')).toBe(0);
      expect(metricAt(s, 'bound/calibration')).toBe(0);
      expect(metricAt(s, 'welfare_regret/principals')).toBeLessThanOrEqual(metricAt(s, 'bound/total') + 1e-9);
    }
    regret.slice(1).forEach((r, k) => expect(r).toBeGreaterThanOrEqual(regret[k]));
    distance.slice(1).forEach((d, k) => expect(d).toBeGreaterThan(distance[k]));
    expect(regret[0]).toBe(0);
    // λ = 0.95 (step 20) is the first step with 10 − 8.5λ < 2: the bots prefer fruit/fruit together.
    expect(regret.findIndex((r) => r > 0)).toBe(19);
    expect(regret[20]).toBe(16);
    expect(distance[20]).toBeLessThan(Math.SQRT1_2); // misaligned but not opposed
    const last = steps[20].decisions;
    expect(last.map((d) => [d.principal, d.agent, d.choice, d.reward, d.bestReward, d.regret])).toEqual([
      ['p1', 'bot1', 'delegate', 2, 10, 8],
      ['p2', 'bot2', 'delegate', 2, 10, 8],
    ]);
    expect(JSON.parse(last[0].detailJson)).toEqual({ fruit: 1, mammoth: 0, outcome: 'fruit/fruit' });
  });

  it('worst equilibrium: every term at λ = 0, 0.5 and 1 to 1e-12', () => {
    const steps = runWorld(world, { play: 'worst-equilibrium', driftRate: 0.25 }, 5);
    expect(steps.map((s) => metricAt(s, 'drift/lambda'))).toEqual([0, 0.25, 0.5, 0.75, 1]);

    // λ = 0: aligned bots, the mixed equilibrium (mammoth with q = 0.1): regret 20 − 3.8, all of it cooperation failure.
    const [start, , middle, , end] = steps;
    expect(metricAt(start, 'welfare_regret/principals')).toBeCloseTo(16.2, 12);
    expect(metricAt(start, 'welfare_regret/agents')).toBeCloseTo(16.2, 12);
    expect(metricAt(start, 'bound/total')).toBeCloseTo(16.2, 12);
    expect(metricAt(start, 'bound/misalignment')).toBe(0);
    expect(metricAt(start, 'alignment_distance/p2')).toBe(0);
    expect(JSON.parse(start.decisions[0].detailJson).mammoth).toBeCloseTo(0.1, 12);

    // λ = 0.5: x = 5.75 > 5, so the mixed equilibrium (q = 1/x) is still the principals' worst.
    const x = mammothValue(0.5);
    const q = 1 / x;
    const agentsRegret = 2 * x - 2 * (2 - q);
    const { magnitude, distance } = bot(x);
    expect(metricAt(middle, 'welfare_regret/principals')).toBeCloseTo(20 - 2 * (2 - 2 * q + 10 * q * q), 12);
    expect(metricAt(middle, 'welfare_regret/agents')).toBeCloseTo(agentsRegret, 12);
    expect(metricAt(middle, 'alignment_distance/p1')).toBeCloseTo(distance, 12);
    expect(metricAt(middle, 'welfare_ratio/p1')).toBeCloseTo(Math.sqrt(57) / magnitude, 12);
    expect(metricAt(middle, 'bound/cooperation')).toBeCloseTo((Math.sqrt(57) / magnitude) * agentsRegret, 12);
    expect(metricAt(middle, 'bound/misalignment')).toBeCloseTo(8 * Math.sqrt(57) * distance, 12);
    expect(metricAt(middle, 'bound/calibration')).toBe(0);
    expect(metricAt(middle, 'collective_alignment/agents')).toBe(1);

    // λ = 1: x = 1.5, fruit/fruit is the worst equilibrium and the bots' own optimum.
    expect(metricAt(end, 'welfare_regret/principals')).toBe(16);
    expect(metricAt(end, 'welfare_regret/agents')).toBe(0);
    expect(metricAt(end, 'bound/cooperation')).toBe(0);
    // The misalignment term 8√57·d exceeds the principals' largest possible regret K_m Σ m̂ = √2·2√57, which caps the bound.
    expect(metricAt(end, 'bound/misalignment')).toBeCloseTo(8 * Math.sqrt(57) * bot(1.5).distance, 12);
    expect(metricAt(end, 'bound/mean-ratio')).toBeCloseTo(8 * Math.sqrt(57) * bot(1.5).distance, 12);
    expect(metricAt(end, 'bound/total')).toBeCloseTo(2 * Math.SQRT2 * Math.sqrt(57), 12);
    expect(metricAt(end, 'welfare/principals')).toBe(4);
  });

  it('noisy bots differ from each other, so the calibration term appears, and the bound still holds', () => {
    for (const play of ['worst-equilibrium', 'cooperative', 'fictitious-play']) {
      const steps = runWorld(world, { play, noise: 2 }, 21, 5);
      for (const s of steps) {
        expect(metricAt(s, 'welfare_regret/principals')).toBeLessThanOrEqual(metricAt(s, 'bound/total') + 1e-9);
      }
      expect(steps.some((s) => metricAt(s, 'bound/calibration') > 0)).toBe(true);
    }
  });

  it('alignsim run stag-hunt (cooperative bots by default) prints every step’s welfare regret with the three terms of the bound', () => {
    const run = cli(['run', 'stag-hunt', '--db', join(tempDir(), 'stag.sqlite'), '--quiet']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^t\s+lambda\s+regret\s+agents_regret\s+cooperation\s+misalignment\s+calibration\s+bound$/);
    expect(lines[2]).toMatch(/^ 1\s+0\s+0\s+0\s+0\s+0\s+0\s+0$/);
    expect(lines[22]).toMatch(/^21\s+1\s+16\s+0\s+0\s+36\.2\d\s+0\s+21\.3\d$/);
  });
});
