import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/kernel/random.ts';
import { openForWriting } from '../../src/record/database.ts';
import { comparisonFigures } from '../../src/report/compare-figures.ts';
import { writeComparisonReport } from '../../src/report/compare-report.ts';
import { compareGroups } from '../../src/report/compare.ts';
import { recordPolicyRuns } from '../../src/report/policy-runs.ts';
import { chartOfFigure } from '../../src/report/figures.ts';
import { renderLineChart } from '../../src/report/svg-chart.ts';
import { tempDir } from '../support/cli.ts';
import { xmlProblem } from '../support/xml.ts';
import twoArms from '../fixtures/two-arms.ts';

const SEEDS = 5;
const STEPS = 20;
const T_975_4 = 2.776445105; // Student t quantile, 4 degrees of freedom

/** x_1..x_STEPS of a seed: the self-decided rewards of the two-arms world, drawn as it draws them. */
function draws(seed: number): number[] {
  const problems = new RandomStreams(seed).stream('problems');
  return Array.from({ length: STEPS }, () => problems.next());
}

function meanAndHalfWidth(values: number[]): [number, number] {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return [mean, (T_975_4 * sd) / Math.sqrt(values.length)];
}

async function comparison() {
  const dir = tempDir();
  const db = openForWriting(join(dir, 'c.sqlite'));
  const worldRef = join(import.meta.dirname, '../fixtures/two-arms.ts');
  const { groups } = await recordPolicyRuns({ db, world: twoArms, worldRef, policies: ['always', 'never'], seeds: SEEDS, steps: STEPS, assignments: [] });
  return { db, dir, groups, comparison: compareGroups(db, groups) };
}

describe('comparison charts', () => {
  it('draw each policy’s mean over seeds with its 95% band, and the paired difference from the baseline, by hand', async () => {
    const { db, groups, comparison: c } = await comparison();
    try {
      const figures = comparisonFigures(db, groups, c);
      expect(figures.map((f) => f.id)).toEqual(['regret-by-policy', 'regret-difference', 'welfare-by-policy', 'welfare-difference', 'delegation-by-policy', 'delegation-difference']);
      const x = Array.from({ length: SEEDS }, (_, i) => draws(i + 1));

      // Cumulative regret of never at t: Σ_{s≤t} (1 − x_s), per seed; always has none.
      const regret = figures[0];
      expect(regret.series.map((s) => s.name)).toEqual(['always', 'never']);
      for (const t of [1, 5, 13, 20]) {
        const [mean, half] = meanAndHalfWidth(x.map((xs) => xs.slice(0, t).reduce((s, v) => s + 1 - v, 0)));
        const point = regret.series[1].points[t - 1];
        const band = regret.series[1].band![t - 1];
        expect(point[0]).toBe(t);
        expect(point[1]).toBeCloseTo(mean, 12);
        expect(band[1]).toBeCloseTo(mean - half, 8);
        expect(band[2]).toBeCloseTo(mean + half, 8);
        expect(regret.series[0].points[t - 1][1]).toBe(0);
      }
      // never − always, paired by seed: never's own regret again.
      const difference = figures[1];
      expect(difference.series.map((s) => s.name)).toEqual(['never − always']);
      expect(difference.series[0].points).toEqual(regret.series[1].points);
      expect(difference.rule).toEqual({ y: 0, label: 'no difference' });

      // Welfare of never is x_t: each run smoothed by a centred rolling mean over 5 steps (fewer at the ends), then averaged.
      const welfare = figures[2];
      expect(welfare.smoothing).toBe(5);
      expect(welfare.note).toContain('rolling mean over 5 steps');
      for (const t of [1, 2, 10, 20]) {
        const window = (xs: number[]): number[] => xs.slice(Math.max(0, t - 3), Math.min(STEPS, t + 2));
        const [mean] = meanAndHalfWidth(x.map((xs) => window(xs).reduce((s, v) => s + v, 0) / window(xs).length));
        expect(welfare.series[1].points[t - 1][1]).toBeCloseTo(mean, 12);
      }
      expect(figures[4].series.map((s) => s.points[7][1])).toEqual([1, 0]);

      // The deployment shift at step 5 happened in every run: marked on every chart.
      for (const figure of figures) expect(figure.events).toEqual([{ x: 5, kind: 'deployment-shift', label: 'deployment-shift a1 at step 5' }]);
    } finally {
      db.close();
    }
  });

  it('renders a band per policy, a marker at the shift and a legend naming every series; report.md links every chart', async () => {
    const { db, dir, groups, comparison: c } = await comparison();
    try {
      const files = writeComparisonReport(db, groups, c, 'TABLES', join(dir, 'out'));
      expect(files.map((f) => f.slice(dir.length + 5))).toEqual([
        'report.md',
        'regret-by-policy.svg',
        'regret-difference.svg',
        'welfare-by-policy.svg',
        'welfare-difference.svg',
        'delegation-by-policy.svg',
        'delegation-difference.svg',
      ]);
      const markdown = readFileSync(files[0], 'utf8');
      expect(markdown).toContain('```text\nTABLES\n```');
      for (const figure of comparisonFigures(db, groups, c)) {
        const svg = readFileSync(join(dir, 'out', `${figure.id}.svg`), 'utf8');
        expect(svg).toBe(renderLineChart(chartOfFigure(figure)));
        expect(markdown).toContain(`![${figure.title}](${figure.id}.svg)`);
        expect(xmlProblem(svg), figure.id).toBeNull();
        expect([...svg.matchAll(/<path class="band"/g)]).toHaveLength(figure.series.length);
        expect([...svg.matchAll(/<line class="event" data-x="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([5]);
        const legend = [...svg.matchAll(/<text class="legend"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
        const names = figure.id.endsWith('-difference') ? ['never − always', 'deployment-shift (step 5)', 'no difference'] : ['always', 'never', 'deployment-shift (step 5)'];
        expect(legend).toEqual(names);
      }
    } finally {
      db.close();
    }
  });
});
