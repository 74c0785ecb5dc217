import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Recording } from '../record/database.ts';
import { comparisonFigures } from './compare-figures.ts';
import type { Comparison, RunGroup } from './compare.ts';
import { fileOf, figuresMarkdown, writeCharts } from './report.ts';

/**
 * Writes a comparison's charts (SVG) and report.md into `dir`: what was compared, the outcome
 * tables (`tables`, as the terminal shows them) and every chart. Returns the files written.
 */
export function writeComparisonReport(db: Recording, groups: readonly RunGroup[], comparison: Comparison, tables: string, dir: string): string[] {
  const figures = comparisonFigures(db, groups, comparison).map((figure) => ({ ...figure, file: fileOf(figure) }));
  const charts = writeCharts(figures, dir);
  const runs = groups.flatMap((g) => g.runs);
  const worlds = [...new Set(runs.map((r) => r.world))].join(', ');
  const steps = [...new Set(runs.map((r) => r.steps_completed))].join(', ');
  const lines = [
    `# alignsim comparison: ${groups.map((g) => g.label).join(' vs ')}`,
    '',
    `World ${worlds}; ${steps} steps; ${groups.map((g) => `${g.label}: ${g.runs.length} runs`).join(', ')}; baseline ${comparison.baseline}.`,
    '',
    '## Outcomes',
    '',
    '```text',
    tables.trimEnd(),
    '```',
    '',
    ...figuresMarkdown(figures),
  ];
  const markdown = join(dir, 'report.md');
  writeFileSync(markdown, lines.join('\n'));
  return [markdown, ...charts];
}
