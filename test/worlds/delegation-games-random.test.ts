// The paper's experiments (Sourbut, Hammond, Wood, IJCAI 2024, §6; SCIENCE.md §2): random
// delegation games, each recording the principals' welfare regret and both forms of the Theorem 1 bound.
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
    const [authors, meanRatio, total] = ['bound/authors', 'bound/mean-ratio', 'bound/total'].map((name) => metricAt(s, name));
    expect(regret).toBeLessThanOrEqual(authors + 1e-9);
    expect(regret).toBeLessThanOrEqual(meanRatio + 1e-9);
    expect(total).toBe(Math.min(authors, meanRatio));
    expect(metricAt(s, 'bound/slack')).toBeCloseTo(total - regret, 12);
    expect(metricAt(s, 'tightness/authors')).toBeCloseTo(authors === 0 ? 1 : regret / authors, 12);
    const terms = TERMS.reduce((sum, term) => sum + metricAt(s, term), 0);
    expect(authors).toBeCloseTo(Math.min(terms, metricAt(s, 'bound/cap')), 12);
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
      expect(metricAt(s, 'bound/mean-ratio')).toBeCloseTo(metricAt(s, 'welfare_regret/principals'), 9);
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

  it("authors-3d (SCIENCE.md §2.7): 4 unit-magnitude players over 4 outcomes, total misalignment in [0, 4], principals' regret as drawn in [0, 4√2]", () => {
    const steps = runWorld(world, { setting: 'authors-3d' }, 300);
    for (const s of steps) {
      const distances = [1, 2, 3, 4].map((i) => metricAt(s, `alignment_distance/p${i}`));
      distances.forEach((d) => expect(d).toBeLessThanOrEqual(1 + 1e-12));
      expect(metricAt(s, 'alignment_distance/total')).toBeCloseTo(distances.reduce((a, b) => a + b, 0), 12);
      [1, 2, 3, 4].forEach((i) => expect(metricAt(s, `welfare_ratio/p${i}`)).toBeCloseTo(1, 12));
      expect(metricAt(s, 'bound/cap')).toBeCloseTo(4 * Math.SQRT2, 12);
      // Calibrated: the authors' bound is min(Regret_G + 4Σd, n·K_m), the mean-ratio form the same without the cap.
      const uncapped = metricAt(s, 'welfare_regret/agents') + 4 * metricAt(s, 'alignment_distance/total');
      expect(metricAt(s, 'bound/authors')).toBeCloseTo(Math.min(uncapped, 4 * Math.SQRT2), 9);
      expect(metricAt(s, 'bound/mean-ratio')).toBeCloseTo(uncapped, 9);
      const regret = metricAt(s, 'welfare_regret/principals');
      const target = metricAt(s, 'control/regret');
      expect(regret).toBeLessThanOrEqual(target + 1e-9); // the target, or the game's worst outcome when it allows less
    }
    const totals = steps.map((s) => metricAt(s, 'alignment_distance/total'));
    expect(Math.max(...totals)).toBeGreaterThan(3.5);
    expect(Math.min(...totals)).toBeLessThan(0.5);
    // The highest points come close to the capped bound, far closer than to the uncapped one.
    const highest = (name: string) => Math.max(...steps.filter((s) => metricAt(s, 'alignment_distance/total') > 2).map((s) => metricAt(s, name)));
    expect(highest('tightness/authors')).toBeGreaterThan(0.75);
    expect(highest('tightness/mean-ratio')).toBeLessThan(0.6);
  });

  it('authors-grid-scan (SCIENCE.md §2.7): agents play the pure Nash equilibrium worst for the principals; welfare and bounds are averages over n', () => {
    for (const s of runWorld(world, { setting: 'authors-grid-scan', misalignment: 1 }, 100)) {
      const ratios = [1, 2].map((i) => metricAt(s, `welfare_ratio/p${i}`));
      ratios.forEach((r) => expect(r).toBeGreaterThan(1 / 3 - 1e-12));
      expect([0, ...ratios].some((r) => Math.abs(r - metricAt(s, 'bound/ratio')) < 1e-12)).toBe(true);
      expect(metricAt(s, 'bound/cap')).toBeLessThanOrEqual(Math.SQRT2 * 1.5 + 1e-12); // K_m · mean m̂
      expect(metricAt(s, 'alignment_distance/p1')).toBeCloseTo(metricAt(s, 'control/misalignment'), 9);
    }
    expectBoundHolds({ setting: 'authors-grid-scan', size: '5x5x4', epsilon: 0.1 }, 20);
  });

  it('alignsim run records regret and bound for every game and prints them per step', () => {
    const db = join(tempDir(), 'games.sqlite');
    const run = cli(['run', 'delegation-games-random', '--steps', '30', '--db', db, '--quiet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^t\s+distance\s+agents_regret\s+regret\s+authors\s+mean_ratio\s+bound\n/);
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
