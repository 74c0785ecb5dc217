import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { openForReading } from '../../record/database.ts';
import { findRun } from '../../record/reader.ts';
import { oneOf, recordingArgument, recordingPath } from '../options.ts';
import { EXPORT_FORMATS, EXPORT_TABLES, exportTable, type ExportFormat, type ExportTable } from '../../report/export.ts';

interface ExportOptions {
  db?: string;
  table: ExportTable;
  format: ExportFormat;
  run?: string;
  out?: string;
}

export function registerExport(program: Command): void {
  recordingArgument(program.command('export').description('stream a table of a recording as CSV or JSON lines (for pandas, R, spreadsheets)'), 'the recording')
    .requiredOption('--table <table>', `the table: ${EXPORT_TABLES.join('|')}`, oneOf('--table', EXPORT_TABLES))
    .option('--format <format>', `${EXPORT_FORMATS.join('|')}`, oneOf('--format', EXPORT_FORMATS), 'csv')
    .option('--run <id>', 'only this run (default: every run)')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (positional: string | undefined, options: ExportOptions) => {
      const db = openForReading(recordingPath(positional, options));
      try {
        const runId = options.run === undefined ? undefined : findRun(db, options.run).run_id;
        const out = options.out === undefined ? process.stdout : createWriteStream(options.out);
        let rows: number;
        try {
          rows = await exportTable(db, options.table, options.format, out, runId);
        } catch (error) {
          // A reader that stops early (`| head`) ends the export quietly.
          if ((error as NodeJS.ErrnoException).code === 'EPIPE') return;
          throw error;
        }
        if (out !== process.stdout) {
          out.end();
          await finished(out);
          process.stderr.write(`${rows} rows written to ${options.out}\n`);
        }
      } finally {
        db.close();
      }
    });
}
