import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Recording } from '../record/database.ts';
import { runOrder } from '../record/reader.ts';
import { STEP_TABLES } from '../record/schema.ts';

export const EXPORT_TABLES = ['metrics', 'decisions', 'events', 'runs', 'snapshots'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; null is empty. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

function query(db: Recording, table: ExportTable, runId: string | undefined): string {
  const where = runId === undefined ? '' : 'WHERE run_id = ?';
  const order = table === 'runs' ? runOrder(db) : `run_id, ${STEP_TABLES[table].order}`;
  return `SELECT * FROM ${table} ${where} ORDER BY ${order}`;
}

/** A parameter's value in a table cell: lists and objects as JSON. */
const cell = (value: unknown): unknown => (value === undefined ? null : typeof value === 'object' && value !== null ? JSON.stringify(value) : value);

/**
 * The runs table with one more column per parameter (in the order the parameters first appear),
 * as batch-run tools give it; a parameter named like a column of runs is prefixed `param_`.
 */
function withParameterColumns(columns: readonly string[], rows: readonly unknown[][]): { columns: string[]; rows: unknown[][] } {
  const params = rows.map((row) => JSON.parse(row[columns.indexOf('params_json')] as string) as Record<string, unknown>);
  const keys = [...new Set(params.flatMap((p) => Object.keys(p)))];
  return {
    columns: [...columns, ...keys.map((key) => (columns.includes(key) ? `param_${key}` : key))],
    rows: rows.map((row, r) => [...row, ...keys.map((key) => cell(params[r][key]))]),
  };
}

/**
 * Streams a table (optionally one run's rows) as CSV with a header line, or as JSON lines:
 * rows are read one at a time and written with backpressure, so any size exports in constant
 * memory and a reader sees the first rows at once.
 */
export async function exportTable(db: Recording, table: ExportTable, format: ExportFormat, out: Writable, runId?: string): Promise<number> {
  const statement = db.prepare(query(db, table, runId)).raw();
  const args = runId === undefined ? [] : [runId];
  const viewColumns = statement.columns().map((c) => c.name);
  // Runs are few: read them whole to learn every parameter first.
  const { columns, rows } =
    table === 'runs'
      ? withParameterColumns(viewColumns, statement.all(...args) as unknown[][])
      : { columns: viewColumns, rows: statement.iterate(...args) as Iterable<unknown[]> };
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  // An output that fails (a reader that went away) stops the export with its error.
  let failure: Error | null = null;
  const onError = (error: Error): void => {
    failure = error;
  };
  out.on('error', onError);
  try {
    if (format === 'csv') await write(csvLine(columns));
    let written = 0;
    for (const row of rows) {
      if (failure) throw failure;
      await write(format === 'csv' ? csvLine(row) : JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i]]))) + '\n');
      written++;
    }
    return written;
  } finally {
    out.off('error', onError);
  }
}
