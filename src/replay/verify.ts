import { simulate } from '../kernel/simulate.ts';
import type { Recording } from '../record/database.ts';
import { detailOf, iterateRows, type RunRow } from '../record/reader.ts';
import { STEP_TABLE_NAMES, STEP_TABLES, type StepTable } from '../record/schema.ts';
import { stepRows } from '../record/step-rows.ts';
import { reconstruct, type ReconstructOptions, type WorldChange } from './reconstruct.ts';

/** How a recorded row departs from the re-computed one: a value changed, or a whole row added or removed. */
export type DifferenceKind = 'value' | 'inserted' | 'deleted';

export interface Difference {
  readonly table: StepTable;
  readonly t: number;
  readonly kind: DifferenceKind;
  /** The row's key within its step: seq for decisions and events, name for metrics. */
  readonly row: string;
  /** The first column that differs; '(row)' for an inserted or deleted row. */
  readonly column: string;
  readonly recorded: unknown;
  readonly recomputed: unknown;
}

export type VerifyResult = ({ readonly identical: true; readonly steps: number } | ({ readonly identical: false } & Difference)) & {
  /** The run's world file changed since the run: a difference may come from that change. */
  readonly worldChange: WorldChange | null;
};

/** Columns of a row's key, after t: what a step's rows are ordered and told apart by. */
const KEY_WIDTH: Record<StepTable, number> = { metrics: 2, decisions: 2, events: 2, snapshots: 1 };

/** Orders two rows of one table by their key (t, then name or seq), as the table returns them. */
function compareKeys(table: StepTable, a: unknown[], b: unknown[]): number {
  for (let c = 0; c < KEY_WIDTH[table]; c++) {
    const [x, y] = [a[c] as number | string, b[c] as number | string];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function rowKey(table: StepTable, row: unknown[]): string {
  return table === 'snapshots' ? 'snapshot' : String(row[1]);
}

const MISSING = '(no row)';

/** A difference for a row only one side has; null when both sides hold the same values. */
function compareRow(table: StepTable, recorded: unknown[] | undefined, recomputed: unknown[] | undefined): (Difference & { identical: false }) | null {
  const row = (recorded ?? recomputed)!;
  const where = { identical: false as const, table, t: Number(row[0]), row: rowKey(table, row) };
  if (!recorded || !recomputed) {
    return { ...where, kind: recorded ? 'inserted' : 'deleted', column: '(row)', recorded: recorded ? 'present' : MISSING, recomputed: recomputed ? 'present' : MISSING };
  }
  const columns = STEP_TABLES[table].columns;
  for (let c = 0; c < columns.length; c++) {
    // === rather than Object.is: SQLite stores −0 as 0, and that is the same value.
    if (recorded[c] !== recomputed[c]) return { ...where, kind: 'value', column: columns[c], recorded: recorded[c], recomputed: recomputed[c] };
  }
  return null;
}

/** A row iterator that can look at its next row without taking it. */
class Peekable {
  private head: IteratorResult<unknown[]>;

  constructor(private readonly rows: IterableIterator<unknown[]>) {
    this.head = rows.next();
  }

  peek(): unknown[] | undefined {
    return this.head.done ? undefined : this.head.value;
  }

  take(): void {
    this.head = this.rows.next();
  }

  close(): void {
    this.rows.return?.();
  }
}

/**
 * Re-executes a recorded run from its world, parameters and seed, and compares every row it
 * would write with the recorded one, streaming both sides and matching rows by their key, so
 * that a row inserted into or deleted from the recording is named by its own key. The first
 * difference is reported.
 */
export async function verifyRun(db: Recording, run: RunRow, options: ReconstructOptions): Promise<VerifyResult> {
  const { world, params, worldChange } = await reconstruct(db, run, options);
  const steps = run.steps_completed;
  const tables = STEP_TABLE_NAMES;
  const detail = detailOf(run);
  const recorded = Object.fromEntries(tables.map((table) => [table, new Peekable(iterateRows(db, table, run.run_id))])) as Record<StepTable, Peekable>;
  try {
    const simulation = simulate(world, params, { seed: run.seed, steps: run.steps_requested, snapshotEvery: run.snapshot_every });
    for (const record of simulation) {
      if (record.t > steps) break;
      for (const table of tables) {
        const rows = recorded[table];
        for (const row of stepRows(record, table, detail)) {
          // Recorded rows that sort before this one were never computed: inserted.
          const next = rows.peek();
          const order = next === undefined ? 1 : compareKeys(table, next, row);
          const difference = order < 0 ? compareRow(table, next, undefined) : order > 0 ? compareRow(table, undefined, row) : compareRow(table, next, row);
          if (difference) return { ...difference, worldChange };
          rows.take();
        }
      }
    }
    for (const table of tables) {
      const extra = recorded[table].peek();
      if (extra !== undefined) return { ...compareRow(table, extra, undefined)!, worldChange };
    }
    return { identical: true, steps, worldChange };
  } finally {
    for (const table of tables) recorded[table].close();
  }
}
