// The paper's experiment (Sourbut, Hammond, Wood, IJCAI 2024, §6; SCIENCE.md §2): random
// delegation games, each recording the principals' welfare regret and the Theorem 1 bound.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import world from '../../worlds/delegation-games-random.ts';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld } from '../support/world-run.ts';

const TERMS = ['bound/cooperation', 'bound/misalignment', 'bound/calibration'] as const;

function expectBoundHolds(params: Record<string, unknown>, steps: number): void {
  for (const s of runWorld(world, params, steps)) {
    const regret = metricAt(s, 'welfare_regret/principals');
    const total = metricAt(s, 'bound/total');
    expect(regret).toBeLessThanOrEqual(total + 1e-9);
    expect(metricAt(s, 'bound/slack')).toBeCloseTo(total - regret, 12);
    expect(TERMS.reduce((sum, term) => sum + metricAt(s, term), 0)).toBeCloseTo(total, 12);
  }
}

describe('delegation-games-random world', () => {
  it('regret ≤ bound on every game, for controlled cooperation and for every solution concept', () => {
    expectBoundHolds({ misalignment: 1, miscalibration: 2, cooperationFailure: 1 }, 300);
    for (const play of ['worst-equilibrium', 'cooperative', 'fictitious-play']) expectBoundHolds({ play, misalignment: 1, miscalibration: 1 }, 60);
    expectBoundHolds({ size: '5x5x4', play: 'worst-equilibrium' }, 20);
  });

  it('hits the controlled misalignment exactly, and each term vanishes with its control', () => {
    for (const s of runWorld(world, { misalignment: 0.8 }, 40)) {
      expect(metricAt(s, 'alignment_distance/p1')).toBeCloseTo(metricAt(s, 'control/misalignment'), 9);
      expect(metricAt(s, 'alignment_distance/p2')).toBeCloseTo(metricAt(s, 'control/misalignment'), 9);
    }
    for (const s of runWorld(world, { misalignment: 0, miscalibration: 0 }, 40)) {
      // Same preferences and magnitudes: the principals' regret is the agents', and the bound is tight.
      expect(metricAt(s, 'bound/misalignment')).toBeCloseTo(0, 12);
      expect(metricAt(s, 'bound/calibration')).toBeCloseTo(0, 12);
      expect(metricAt(s, 'welfare_regret/principals')).toBeCloseTo(metricAt(s, 'welfare_regret/agents'), 9);
      expect(metricAt(s, 'bound/total')).toBeCloseTo(metricAt(s, 'welfare_regret/principals'), 9);
    }
    for (const s of runWorld(world, { cooperationFailure: 0 }, 40)) {
      expect(metricAt(s, 'welfare_regret/agents')).toBeCloseTo(0, 12);
      expect(metricAt(s, 'bound/cooperation')).toBeCloseTo(0, 12);
    }
  });

  it('draws the same games whatever the agents play (common random numbers)', () => {
    const controlled = runWorld(world, {}, 10);
    const cooperative = runWorld(world, { play: 'cooperative' }, 10);
    controlled.forEach((s, k) => expect(metricAt(cooperative[k], 'alignment_distance/p1')).toBe(metricAt(s, 'alignment_distance/p1')));
  });

  it('alignsim run records regret and bound for every game and prints them per step', () => {
    const db = join(tempDir(), 'games.sqlite');
    const run = cli(['run', 'delegation-games-random', '--steps', '30', '--db', db, '--quiet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^t\s+distance\s+agents_regret\s+regret\s+cooperation\s+misalignment\s+calibration\s+bound\n/);
    expect(run.stdout.split('\n').filter((line) => /^\s*\d+\s/.test(line))).toHaveLength(25);
    const conn = new Database(db, { readonly: true });
    const counts = conn
      .prepare("SELECT name, count(*) AS n FROM metrics WHERE name IN ('welfare_regret/principals', 'bound/total') GROUP BY name")
      .all();
    conn.close();
    expect(counts).toEqual([
      { name: 'bound/total', n: 30 },
      { name: 'welfare_regret/principals', n: 30 },
    ]);
  });
});
