import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { defaultStepsOf } from '../../src/kernel/world.ts';
import experiments from '../../worlds/kierans-experiments.ts';
import { LOG_POPULATIONS } from '../../worlds/kierans-experiments/experiments.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../support/cli.ts';
import { metricAt, runWorld, type SteppedRecord } from '../support/world-run.ts';

/** Every line of a figure at one step, by name (without the spread recorded beside each). */
function seriesAt(record: SteppedRecord, figure: number): Map<string, number> {
  return new Map([...record.metrics].filter(([name]) => name.startsWith(`figure${figure}/`) && !/\/(min|max|std)$/.test(name)));
}

/** With replacement: share of ordered pairs holding different goals, 1 − Σ c²/N². */
function differentGoalsWithReplacement(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  return 1 - counts.reduce((sum, c) => sum + c * c, 0) / (n * n);
}

/** Share of ordered pairs of distinct agents holding different goals, for goal counts `counts`. */
function differentGoals(counts: readonly number[]): number {
  const n = counts.reduce((a, b) => a + b, 0);
  return (n * n - counts.reduce((sum, c) => sum + c * c, 0)) / (n * (n - 1));
}

// Tolerances are at least 4 standard errors of a point's mean, from the per-world standard deviations quoted.
describe('world kierans-experiments (SCIENCE.md §1.8)', () => {
  it('experiment 1: every number of areas gives 2/3 with 3 goals (without replacement at every n ≥ 2)', () => {
    const records = runWorld(experiments, { experiment: 1, populationStep: 150 }, 2);
    for (const record of records) {
      expect(metricAt(record, 'x')).toBe(150 * record.t);
      const series = seriesAt(record, 1);
      expect([...series.keys()].sort()).toEqual([1, 2, 3, 4, 5].map((m) => `figure1/areas=${m}`));
      // Per-world sd about 2/(3n) ≤ 0.0045: 4 standard errors < 0.002.
      for (const value of series.values()) expect(Math.abs(value - 2 / 3)).toBeLessThan(0.002);
    }
  });

  it('experiment 1 with replacement: (2/3)(1 − 1/n), converging to 2/3 from below (SCIENCE.md §1.4)', () => {
    const records = runWorld(experiments, { experiment: 1, pairing: 'with-replacement', runsPerPoint: 1000 }, 4);
    expect(metricAt(records[0], 'figure1/areas=1')).toBe(0); // one agent: no conflict with itself
    for (const record of records.slice(1)) {
      const n = record.t;
      // Per-world sd at most 0.24 (one area, n = 2): 4 standard errors of 1000 worlds < 0.03.
      for (const value of seriesAt(record, 1).values()) expect(Math.abs(value - (2 / 3) * (1 - 1 / n))).toBeLessThan(0.03);
    }
  });

  it('experiment 2: k goals converge to (k − 1)/k', () => {
    const [record] = runWorld(experiments, { experiment: 2, populationStep: 400 }, 1);
    for (const k of [2, 3, 4, 5]) expect(Math.abs(metricAt(record, `figure2/goals=${k}`) - (k - 1) / k)).toBeLessThan(0.002);
  });

  it('experiment 3: misalignment rises with the weight as (k − 1)/k² · (2√w + k − 2) in area 1, diluted by the other areas', () => {
    // E[n_g n_h] = n(n − 1)/k² for g ≠ h, so E[M_1] has this form exactly; areas 2..a stay at (k − 1)/k.
    const expected = (w: number, k: number, areas: number): number =>
      (((k - 1) / (k * k)) * (2 * Math.sqrt(w) + k - 2) + ((areas - 1) * (k - 1)) / k) / areas;
    const records = runWorld(experiments, { experiment: 3, fractionStep: 0.25, runsPerPoint: 400 }, 5);
    for (const k of [2, 4]) {
      for (const areas of [1, 2, 3, 4]) {
        const values = records.map((r) => metricAt(r, `figure3/goals=${k},areas=${areas}`));
        records.forEach((r, i) => {
          // The count of goal-1 holders moves the conflict among the rest: per-world sd ≈ 0.0433 · (1 − √w)
          // at k = 4, n = 100, so 4 standard errors of 400 worlds < 0.009.
          expect(Math.abs(values[i] - expected(metricAt(r, 'x'), k, areas))).toBeLessThan(0.009);
          if (i > 0) expect(values[i]).toBeGreaterThan(values[i - 1]);
        });
      }
    }
    expect(records.map((r) => metricAt(r, 'x'))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('experiment 4: exact values of the goal distribution, peaking at x = 1/k', () => {
    const records = runWorld(experiments, { experiment: 4 }, 51);
    for (const k of [2, 3, 4, 5]) {
      const values = records.map((r) => metricAt(r, `figure4/goals=${k}`));
      records.forEach((r, i) => {
        const first = Math.round(metricAt(r, 'x') * 1000);
        const rest = Array.from({ length: k - 1 }, (_, g) => Math.floor((1000 - first) / (k - 1)) + (g < (1000 - first) % (k - 1) ? 1 : 0));
        expect(values[i]).toBeCloseTo(differentGoals([first, ...rest]), 12);
      });
      const peak = metricAt(records[values.indexOf(Math.max(...values))], 'x');
      expect(Math.abs(peak - 1 / k)).toBeLessThanOrEqual(0.01 + 1e-12); // the grid point nearest 1/k
    }
  });

  it('experiment 5: runs with the same mean conflict converge alike, to mean(c) · E[√w]² · P(different goals)', () => {
    const meanRoot = (4 / 3) * (0.75 ** 1.5 - 0.25 ** 1.5); // E[√w] for w uniform on (0.25, 0.75)
    const records = runWorld(experiments, { experiment: 5 }, 10);
    for (const record of records) {
      const k = metricAt(record, 'x');
      expect(k).toBe(record.t);
      const split = Array.from({ length: k }, (_, g) => Math.floor(120 / k) + (g < 120 % k ? 1 : 0));
      for (const [name, value] of seriesAt(record, 5)) {
        const conflicts = name.slice('figure5/conflicts='.length).split(',').map(Number);
        const meanConflict = conflicts.reduce((a, b) => a + b, 0) / conflicts.length;
        // Per-world sd below 0.01: 4 standard errors < 0.004.
        expect(Math.abs(value - meanConflict * meanRoot ** 2 * (k > 1 ? differentGoals(split) : 0))).toBeLessThan(0.004);
      }
      const at = (c: string): number => metricAt(record, `figure5/conflicts=${c}`);
      for (const [a, b] of [['1', '1,1,1'], ['0.5', '0.25,0.5,0.75'], ['0.25', '0.25,0.25,0.25']]) expect(Math.abs(at(a) - at(b))).toBeLessThan(0.006);
    }
  });
});

describe("world kierans-experiments: the authors' settings (SCIENCE.md §1.8)", () => {
  it('experiment 4, rounding=floor: int(n·share) agents per goal, the authors’ numbers exactly, up to 0.0038 from round-to-nearest', () => {
    const floor = runWorld(experiments, { experiment: 4, rounding: 'floor', pairing: 'with-replacement' }, 51);
    const nearest = runWorld(experiments, { experiment: 4, pairing: 'with-replacement' }, 51);
    let largest = 0;
    for (const k of [2, 3, 4, 5]) {
      floor.forEach((r, i) => {
        const x = metricAt(r, 'x');
        const counts = [Math.floor(1000 * x + 1e-9), ...new Array<number>(k - 1).fill(Math.floor((1000 * (1 - x)) / (k - 1) + 1e-9))];
        expect(metricAt(r, `figure4/goals=${k}`)).toBeCloseTo(differentGoalsWithReplacement(counts), 12);
        largest = Math.max(largest, Math.abs(metricAt(r, `figure4/goals=${k}`) - metricAt(nearest[i], `figure4/goals=${k}`)));
      });
    }
    // The dropped agents (up to k − 1 of 1000) move the curves by at most 0.0038 (seed-free: these worlds are fixed).
    expect(largest).toBeGreaterThan(0.003);
    expect(largest).toBeLessThan(0.004);
    // Experiment 4's worlds are fixed: no spread is recorded.
    expect([...floor[0].metrics.keys()].some((name) => name.endsWith('/min'))).toBe(false);
  });

  it('records the spread of every point over its runs: min ≤ mean ≤ max and the standard deviation', () => {
    for (const record of runWorld(experiments, { experiment: 5, runsPerPoint: 50 }, 4)) {
      for (const [name, mean] of seriesAt(record, 5)) {
        const [low, high, sd] = ['min', 'max', 'std'].map((s) => metricAt(record, `${name}/${s}`));
        expect(low).toBeLessThanOrEqual(mean + 1e-12);
        expect(high).toBeGreaterThanOrEqual(mean - 1e-12);
        expect(sd).toBeGreaterThanOrEqual(0);
        expect(sd).toBeLessThanOrEqual((high - low) / 2 + 1e-12);
        if (record.t === 1) expect([low, mean, high, sd]).toEqual([0, 0, 0, 0]); // one goal per area: no conflict
      }
    }
  });

  it('experiment 5, weights=per-goal-group: the same mean, a wider spread than one weight per agent', () => {
    const meanRoot = (4 / 3) * (0.75 ** 1.5 - 0.25 ** 1.5);
    const perAgent = runWorld(experiments, { experiment: 5, runsPerPoint: 200 }, 4);
    const perGroup = runWorld(experiments, { experiment: 5, runsPerPoint: 200, weights: 'per-goal-group' }, 4);
    for (const [i, record] of perGroup.entries()) {
      if (record.t === 1) continue;
      const k = record.t;
      const split = Array.from({ length: k }, (_, g) => Math.floor(120 / k) + (g < 120 % k ? 1 : 0));
      for (const [name, value] of seriesAt(record, 5)) {
        const conflicts = name.slice('figure5/conflicts='.length).split(',').map(Number);
        const meanConflict = conflicts.reduce((a, b) => a + b, 0) / conflicts.length;
        // Group weights are independent across goals, so E[√(w_g w_h)] = E[√w]² still; per-world sd below 0.09: 4 SE < 0.026.
        expect(Math.abs(value - meanConflict * meanRoot ** 2 * differentGoals(split))).toBeLessThan(0.026);
        expect(metricAt(record, `${name}/std`)).toBeGreaterThan(3 * metricAt(perAgent[i], `${name}/std`));
      }
    }
  });

  it('experiments 1–2, populationGrid=log: the authors’ 14 populations from 1 to 100', () => {
    expect(LOG_POPULATIONS).toEqual([1, 2, 3, 5, 6, 9, 12, 16, 22, 29, 40, 54, 74, 100]);
    const records = runWorld(experiments, { experiment: 2, populationGrid: 'log', runsPerPoint: 5 }, 14);
    expect(records.map((r) => metricAt(r, 'x'))).toEqual(LOG_POPULATIONS);
  });
});

describe('kierans-experiments run length', () => {
  it("covers each figure's x axis when no --steps is given", () => {
    const steps = (over: Record<string, unknown>) => defaultStepsOf(experiments, validateParams(experiments, over));
    expect([1, 2, 3, 4, 5].map((experiment) => steps({ experiment }))).toEqual([100, 100, 51, 51, 10]);
    expect(steps({ experiment: 3, fractionStep: 0.1 })).toBe(11);
    expect(steps({ experiment: 1, populationGrid: 'log' })).toBe(14);
  });
});

describe('alignsim report on a kierans-experiments run', () => {
  it('draws the figure as the paper lays it out: x axis, one line per setting, the min–max band', () => {
    const db = join(tempDir(), 'kierans.sqlite');
    expect(cli(['run', 'kierans-experiments', '--set', 'experiment=5', '--set', 'runsPerPoint=20', '--db', db, '--quiet']).status).toBe(0);
    const report = JSON.parse(cli(['report', db, '--json']).stdout) as {
      figures: { id: string; xLabel?: string; series: { name: string; points: [number, number][]; band?: [number, number, number][] }[] }[];
    };
    const [figure] = report.figures;
    expect(figure.id).toBe('figure-figure5');
    expect(figure.xLabel).toBe('goals per area');
    expect(figure.series).toHaveLength(9);
    for (const line of figure.series) {
      expect(line.name).toMatch(/^figure5\/conflicts=[\d.,]+$/);
      expect(line.points.map(([x]) => x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(line.band!.map(([x]) => x)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      line.band!.forEach(([, low, high], i) => {
        expect(low).toBeLessThanOrEqual(line.points[i][1] + 1e-12);
        expect(high).toBeGreaterThanOrEqual(line.points[i][1] - 1e-12);
      });
    }
    // No other chart repeats the figure's series against the step.
    expect(report.figures.slice(1).flatMap((f) => f.series.map((s) => s.name)).filter((n) => n.startsWith('figure5/') || n === 'x')).toEqual([]);
    const out = join(tempDir(), 'report');
    expect(cli(['report', db, '--out', out]).status).toBe(0);
    const svg = readFileSync(join(out, 'figure-figure5.svg'), 'utf8');
    expect(svg.match(/class="band"/g)).toHaveLength(9);
    expect(svg).toContain('>goals per area</text>');
  });
});
