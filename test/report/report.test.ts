import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { replayCounterfactual } from '../../src/replay/counterfactual.ts';
import { chartOfFigure, readSeries } from '../../src/report/figures.ts';
import { rollingMean } from '../../src/report/smoothing.ts';
import { renderLineChart } from '../../src/report/svg-chart.ts';
import assistants from '../../worlds/assistants.ts';
import { buildReport, writeReport } from '../../src/report/report.ts';
import { tempDir } from '../support/cli.ts';
import { xmlProblem } from '../support/xml.ts';
import twoArms from '../fixtures/two-arms.ts';

describe('report', () => {
  it('draws every kind of metric: misalignment, cumulative regret per policy with its bound, delegation, welfare, game terms, other families', async () => {
    const dir = tempDir();
    const db = openForWriting(join(dir, 'r.sqlite'));
    try {
      const worldRef = join(import.meta.dirname, '../fixtures/two-arms.ts');
      const params = validateParams(twoArms, {});
      const parent = findRun(db, (await recordRun({ db, world: twoArms, worldRef, params, seed: 2, steps: 20, snapshotEvery: 0 })).runId);
      await replayCounterfactual(db, parent, { policy: 'never' });
      const report = buildReport(db, parent);
      expect(report.figures.map((f) => f.id)).toEqual([
        'misalignment',
        'regret-cumulative',
        'regret',
        'delegation',
        'welfare',
        'welfare_regret',
        'bound',
        'alignment_distance',
        'experiment',
      ]);
      const regret = report.figures.find((f) => f.id === 'regret-cumulative')!;
      expect(regret.series.map((s) => [s.name, s.dashed ?? false])).toEqual([
        ['regret/cumulative (always)', false],
        ['regret/cumulative (never)', false],
        ['regret/bound/test', true],
      ]);
      expect(regret.series[1].points.at(-1)![1]).toBeGreaterThan(0);
      expect(report.figures.find((f) => f.id === 'misalignment')!.series.map((s) => s.name)).toEqual(['misalignment', 'misalignment/area1']);

      const files = writeReport(db, report, join(dir, 'out'));
      expect(files).toHaveLength(1 + report.figures.length);
      const markdown = readFileSync(files[0], 'utf8');
      for (const figure of report.figures) {
        expect(markdown).toContain(`![${figure.title}](${figure.file})`);
        expect(xmlProblem(readFileSync(join(dir, 'out', figure.file), 'utf8')), figure.file).toBeNull();
      }
    } finally {
      db.close();
    }
  });

  it('marks the events that change the world on every chart, names every series of a counterfactual family by its policy, and smooths noisy series', async () => {
    const db = openForWriting(join(tempDir(), 'r.sqlite'));
    try {
      const params = validateParams(assistants, { principals: 8, shiftAt: 30, valueDrift: 0.01, policy: 'ucb1' });
      const run = findRun(db, (await recordRun({ db, world: assistants, worldRef: 'assistants', params, seed: 4, steps: 60, snapshotEvery: 0 })).runId);
      await replayCounterfactual(db, run, { policy: 'never' });
      const report = buildReport(db, run);

      // Shifts and drift, not lifecycle transitions: read straight from the events table.
      const changes = db
        .prepare("SELECT t, type FROM events WHERE run_id = ? AND type IN ('deployment-shift', 'value-drift') ORDER BY t, seq")
        .all(run.run_id) as { t: number; type: string }[];
      expect(changes.filter((e) => e.type === 'value-drift').length).toBeGreaterThan(0);
      expect(changes).toContainEqual({ t: 30, type: 'deployment-shift' });
      for (const figure of report.figures) {
        expect(figure.events!.map((e) => [e.x, e.kind])).toEqual(changes.map((e) => [e.t, e.type]));
        const svg = renderLineChart(chartOfFigure(figure));
        const markers = [...svg.matchAll(/<line class="event" data-x="(\d+)"/g)].map((m) => Number(m[1]));
        expect(markers.sort((a, b) => a - b)).toEqual(changes.map((e) => e.t));
      }

      const regret = report.figures.find((f) => f.id === 'regret-cumulative')!;
      const kinds = ['regret/cumulative', 'regret/dynamic/cumulative', 'regret/pseudo/cumulative'];
      expect(regret.series.map((s) => s.name)).toEqual([...kinds.map((k) => `${k} (ucb1)`), ...kinds.map((k) => `${k} (never)`)]);
      const legend = [...renderLineChart(chartOfFigure(regret)).matchAll(/<text class="legend"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(legend.slice(0, 6)).toEqual(regret.series.map((s) => s.name));

      // Per-step delegation shares are noisy: drawn as a centred rolling mean over 5 steps, the raw values kept.
      const delegation = report.figures.find((f) => f.id === 'delegation')!;
      expect(delegation.smoothing).toBe(5);
      expect(delegation.note).toContain('rolling mean over 5 steps');
      const share = delegation.series.find((s) => s.name === 'delegation/share')!;
      const raw = readSeries(db, run, ['delegation/share']).get('delegation/share')!;
      expect(share.points).toEqual(raw);
      const t = 17;
      const window = raw.filter(([u]) => Math.abs(u - t) <= 2).map(([, v]) => v!);
      expect(share.smoothed![t - 1][1]).toBeCloseTo(window.reduce((a, b) => a + b, 0) / 5, 12);
      expect(share.smoothed).toEqual(rollingMean(raw, 5));
      // Cumulative series are smooth already.
      expect(regret.smoothing).toBeUndefined();
      expect(report.figures.find((f) => f.id === 'misalignment')!.series.every((s) => s.smoothed === undefined)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('samples long series every k-th step, keeping the first and last', async () => {
    const db = openForWriting(join(tempDir(), 'r.sqlite'));
    try {
      const params = validateParams(twoArms, {});
      const run = findRun(db, (await recordRun({ db, world: twoArms, worldRef: 'two-arms', params, seed: 1, steps: 20, snapshotEvery: 0 })).runId);
      const points = readSeries(db, run, ['experiment/fig1'], 7).get('experiment/fig1')!;
      expect(points.map(([t]) => t)).toEqual([1, 3, 6, 9, 12, 15, 18, 20]);
      expect(points.map(([, v]) => v)).toEqual([1, 0, 0, 0, 0, 0, 0, 2]);
    } finally {
      db.close();
    }
  });
});
