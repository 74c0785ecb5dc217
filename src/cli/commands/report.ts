import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../../kernel/errors.ts';
import { openForReading } from '../../record/database.ts';
import { findRun } from '../../record/reader.ts';
import { buildReport, writeReport } from '../../report/report.ts';
import { recordingArgument, recordingPath } from '../options.ts';

interface ReportOptions {
  db?: string;
  run?: string;
  out?: string;
  json?: boolean;
}

export function registerReport(program: Command): void {
  recordingArgument(
    program.command('report').description("write a run's charts (SVG) and a Markdown summary, or print the figures' data as JSON"),
    'the recording',
  )
    .option('--run <id>', 'the run (default: the most recent)')
    .option('--out <dir>', 'directory for report.md and the SVG charts (default: report-<run> beside the recording)')
    .option('--json', 'print every figure (title, series with their recorded points, smoothed values, events) as JSON; writes files only with --out')
    .action((positional: string | undefined, options: ReportOptions) => {
      const file = recordingPath(positional, options);
      if (options.out !== undefined && existsSync(options.out) && !statSync(options.out).isDirectory()) {
        throw new InputError(`--out '${options.out}' is a file: expected a folder for report.md and the charts`);
      }
      const db = openForReading(file);
      try {
        const report = buildReport(db, findRun(db, options.run));
        if (options.json) process.stdout.write(JSON.stringify({ run: report.run, figures: report.figures }) + '\n');
        if (options.json && options.out === undefined) return;
        const dir = options.out ?? join(dirname(file), `report-${report.run.run_id}`);
        const written = writeReport(db, report, dir);
        if (!options.json) process.stdout.write(`${written.length - 1} charts and report.md written to ${dir}\n${written.map((f) => `  ${f}`).join('\n')}\n`);
      } finally {
        db.close();
      }
    });
}
