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
      'bound/total',
    ]);
    const value = new Map(rows);
    expect(value.get('welfare/principals')).toBe(4);
    expect(value.get('welfare_regret/principals')).toBe(16);
    expect(value.get('welfare_regret/agents')).toBe(1);
    expect(value.get('alignment_distance/p1')).toBe(alignmentDistance([2, 1, 1, 10], [2, 1, 1, 2.5]));
    expect(value.get('welfare_ratio/p2')).toBeCloseTo((4 * Math.sqrt(57)) / Math.sqrt(27), 12);
    expect(value.get('bound/total')).toBe(regretBound(game, sigma).total);
  });

  it('leaves out the welfare ratio of an indifferent agent (infinite) and keeps everything else finite', () => {
    const game = { principals: [[0, 1, 2]], agents: [[5, 5, 5]] };
    const rows = delegationMetrics(game, [0, 1, 0], ['p1']);
    expect(rows.map(([name]) => name)).not.toContain('welfare_ratio/p1');
    expect(rows.every(([, v]) => Number.isFinite(v))).toBe(true);
    expect(new Map(rows).get('alignment_distance/p1')).toBe(0.5);
  });
});
