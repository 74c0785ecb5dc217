// Every measure of a delegation game as named per-step series (SCIENCE.md §2).
import { describe, expect, it } from 'vitest';
import { delegationMetrics } from '../../../agents/games/delegation-metrics.ts';
import { stagHunt } from '../../../agents/games/stag-hunt.ts';
import { alignmentDistance, regretBound } from '../../../src/measures/delegation-games.ts';

describe('delegationMetrics', () => {
  it('names every term in a fixed order with the measures’ values', () => {
    const game = stagHunt(1); // soft-vegetarian bots (2, 1, 1, 2.5)
    const sigma = [1, 0, 0, 0]; // fruit/fruit
    const rows = delegationMetrics(game, sigma, ['p1', 'p2']);
    expect(rows.map(([name]) => name)).toEqual([
      'welfare/principals',
      'welfare/agents',
      'welfare_regret/principals',
      'welfare_regret/agents',
      'alignment_distance/p1',
      'alignment_distance/p2',
      'welfare_ratio/p1',
      'welfare_ratio/p2',
      'collective_alignment/agents',
      'collective_alignment/principals',
      'bound/cooperation',
      'bound/misalignment',
      'bound/calibration',
      'bound/ratio',
      'bound/cap',
      'bound/authors',
      'bound/mean-ratio',
      'bound/total',
    ]);
    const value = new Map(rows);
    expect(value.get('welfare/principals')).toBe(4);
    expect(value.get('welfare_regret/principals')).toBe(16);
    expect(value.get('welfare_regret/agents')).toBe(1);
    expect(value.get('alignment_distance/p1')).toBe(alignmentDistance([2, 1, 1, 10], [2, 1, 1, 2.5]));
    expect(value.get('welfare_ratio/p2')).toBeCloseTo((4 * Math.sqrt(57)) / Math.sqrt(27), 12);
    const bound = regretBound(game, sigma);
    expect(value.get('bound/authors')).toBe(bound.authors.total);
    expect(value.get('bound/mean-ratio')).toBe(bound.meanRatio.total);
    expect(value.get('bound/total')).toBe(bound.total);
    // Calibrated bots: the authors' ratio is theirs, r = 4√57/√27, and the cap K_m Σ m̂ = √2 · 2√57.
    expect(value.get('bound/ratio')).toBeCloseTo((4 * Math.sqrt(57)) / Math.sqrt(27), 12);
    expect(value.get('bound/cap')).toBeCloseTo(2 * Math.SQRT2 * Math.sqrt(57), 12);
  });

  it('average welfare (the grid scan) divides every welfare, regret and bound by n, and nothing else', () => {
    const game = stagHunt(0.5);
    const sigma = [0.25, 0.25, 0.25, 0.25];
    const sum = new Map(delegationMetrics(game, sigma, ['p1', 'p2']));
    const average = new Map(delegationMetrics(game, sigma, ['p1', 'p2'], 'average'));
    for (const [name, value] of sum) {
      const scaled = /^(welfare|welfare_regret|bound)\//.test(name) && name !== 'bound/ratio';
      expect(average.get(name)).toBeCloseTo(scaled ? value / 2 : value, 12);
    }
  });

  it('leaves out the welfare ratio of an indifferent agent (infinite) and keeps everything else finite', () => {
    const game = { principals: [[0, 1, 2]], agents: [[5, 5, 5]] };
    const rows = delegationMetrics(game, [0, 1, 0], ['p1']);
    expect(rows.map(([name]) => name)).not.toContain('welfare_ratio/p1');
    expect(rows.every(([, v]) => Number.isFinite(v))).toBe(true);
    expect(new Map(rows).get('alignment_distance/p1')).toBe(0.5);
  });
});
