import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { replayCounterfactual } from '../../src/replay/counterfactual.ts';
import { readSeries } from '../../src/report/figures.ts';
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
      await replayCounterfactual(db, parent, { policy: 'never', trustWorldFile: true });
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
