import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recording } from '../record/database.ts';
import type { RunRow } from '../record/reader.ts';
import { chartOfFigure, runFigures, type Figure } from './figures.ts';
import { summariseRun } from './summary.ts';
import { renderLineChart } from './svg-chart.ts';

export interface Report {
  readonly run: RunRow;
  readonly figures: readonly (Figure & { readonly file: string })[];
}

/** The file a figure is written to: its id, made safe for any file system. */
export function fileOf(figure: Figure): string {
  return `${figure.id.replace(/[^\w.-]+/g, '_')}.svg`;
}

export function buildReport(db: Recording, run: RunRow): Report {
  return { run, figures: runFigures(db, run).map((figure) => ({ ...figure, file: fileOf(figure) })) };
}

function markdownCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** report.md: what the run is, its final values, and every chart. */
export function reportMarkdown(db: Recording, report: Report): string {
  const { run } = report;
  const summary = summariseRun(db, run);
  const rows: [string, string][] = [
    ['world', run.world],
    ['seed', String(run.seed)],
    ['status', `${run.status}, ${run.steps_completed} of ${run.steps_requested} steps`],
    ['parameters', `\`${run.params_json}\``],
    ...(run.parent_run_id ? [['counterfactual of', run.parent_run_id] as [string, string]] : []),
    ...Object.entries(summary.finalMetrics)
      .filter(([, value]) => value !== null)
      .map(([name, value]): [string, string] => [`final ${name}`, String(Number(value!.toPrecision(6)))]),
    ...summary.delegation.map((d): [string, string] => [`delegated (${d.policy})`, `${(100 * d.delegatedShare).toFixed(1)}% of ${d.decisions} decisions`]),
  ];
  const lines = [
    `# alignsim report: ${run.run_id}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${markdownCell(k)} | ${markdownCell(v)} |`),
    '',
  ];
  lines.push(...figuresMarkdown(report.figures));
  return lines.join('\n');
}

/** A section per figure: its title, its note, and the chart. */
export function figuresMarkdown(figures: readonly (Figure & { readonly file: string })[]): string[] {
  return figures.flatMap((figure) => [`## ${figure.title}`, '', ...(figure.note ? [`_${figure.note}_`, ''] : []), `![${figure.title}](${figure.file})`, '']);
}

/** Writes each figure's chart as SVG into `dir` (created if missing); returns the files written. */
export function writeCharts(figures: readonly (Figure & { readonly file: string })[], dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return figures.map((figure) => {
    const file = join(dir, figure.file);
    writeFileSync(file, renderLineChart(chartOfFigure(figure)));
    return file;
  });
}

/** Writes every chart as SVG and report.md linking them into `dir`; returns the files written. */
export function writeReport(db: Recording, report: Report, dir: string): string[] {
  const files = writeCharts(report.figures, dir);
  const markdown = join(dir, 'report.md');
  writeFileSync(markdown, reportMarkdown(db, report));
  return [markdown, ...files];
}
