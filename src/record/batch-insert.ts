import type { Statement } from 'better-sqlite3';
import type { Recording } from './database.ts';

/**
 * Inserts rows into one table through multi-row INSERT statements: SQLite pays its per-statement
 * cost once per batch, which matters at a thousand decision rows per step. Rows left over when
 * flushed go through a one-row statement.
 */
export class BatchInsert {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly values: unknown[];
  private filled = 0;

  constructor(
    db: Recording,
    table: string,
    private readonly columns: readonly string[],
    private readonly batchSize = 50,
  ) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const into = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.many = db.prepare(into + Array(batchSize).fill(row).join(', '));
    this.one = db.prepare(into + row);
    this.values = new Array(batchSize * columns.length);
  }

  /** Adds one row: its values in column order. Call inside the transaction that flush() ends. */
  add(...row: unknown[]): void {
    const offset = this.filled * this.columns.length;
    for (let c = 0; c < row.length; c++) this.values[offset + c] = row[c];
    if (++this.filled === this.batchSize) {
      // Whatever happens to the batch, its rows are spent: a failed step must not leak into the next.
      this.filled = 0;
      this.many.run(this.values);
    }
  }

  flush(): void {
    const width = this.columns.length;
    const rows = this.filled;
    this.filled = 0;
    for (let r = 0; r < rows; r++) this.one.run(this.values.slice(r * width, (r + 1) * width));
  }
}
