import { simulate } from '../kernel/simulate.ts';
import type { Recording } from '../record/database.ts';
import { detailOf, iterateRows, type RunRow } from '../record/reader.ts';
import { STEP_TABLE_NAMES, STEP_TABLES, type StepTable } from '../record/schema.ts';
import { stepRows } from '../record/step-rows.ts';
import { reconstruct, type ReconstructOptions, type WorldChange } from './reconstruct.ts';

export interface Difference {
  readonly table: StepTable;
  readonly t: number;
  /** The row's key within its step: seq for decisions and events, name for metrics. */
  readonly row: string;
  readonly column: string;
  readonly recorded: unknown;
  readonly recomputed: unknown;
}

export type VerifyResult = ({ readonly identical: true; readonly steps: number } | ({ readonly identical: false } & Difference)) & {
  /** The run's world file changed since the run: a difference may come from that change. */
  readonly worldChange: WorldChange | null;
};

/** A row's key within its step: the metric's name, the decision's or event's seq. */
function rowKey(table: StepTable, row: unknown[]): string {
  return table === 'snapshots' ? 'snapshot' : String(row[1]);
}

const MISSING = '(no row)';

/**
 * Re-executes a recorded run from its world, parameters and seed, and compares every row it
 * would write with the recorded one, streaming both sides: the first difference is reported.
 */
export async function verifyRun(db: Recording, run: RunRow, options: ReconstructOptions): Promise<VerifyResult> {
  const { world, params, worldChange } = await reconstruct(db, run, options);
  const steps = run.steps_completed;
  const tables = STEP_TABLE_NAMES;
  const detail = detailOf(run);
  const recorded = Object.fromEntries(tables.map((table) => [table, iterateRows(db, table, run.run_id)])) as Record<
    StepTable,
    IterableIterator<unknown[]>
  >;
  try {
    const simulation = simulate(world, params, { seed: run.seed, steps: run.steps_requested, snapshotEvery: run.snapshot_every });
    for (const record of simulation) {
      if (record.t > steps) break;
      for (const table of tables) {
        for (const row of stepRows(record, table, detail)) {
          const next = recorded[table].next();
          const difference = compareRow(table, next.done ? undefined : next.value, row);
          if (difference) return { ...difference, worldChange };
        }
      }
    }
    for (const table of tables) {
      const extra = recorded[table].next();
      if (!extra.done) return { ...compareRow(table, extra.value, undefined)!, worldChange };
    }
    return { identical: true, steps, worldChange };
  } finally {
    for (const table of tables) recorded[table].return?.();
  }
}

function compareRow(table: StepTable, recorded: unknown[] | undefined, recomputed: unknown[] | undefined): (Difference & { identical: false }) | null {
  const columns = STEP_TABLES[table].columns;
  const either = (recorded ?? recomputed)!;
  const t = Number(either[0]);
  if (!recorded || !recomputed) {
    return {
      identical: false,
      table,
      t,
      row: rowKey(table, either),
      column: '(row)',
      recorded: recorded ? 'present' : MISSING,
      recomputed: recomputed ? 'present' : MISSING,
    };
  }
  for (let c = 0; c < columns.length; c++) {
    // === rather than Object.is: SQLite stores −0 as 0, and that is the same value.
    if (recorded[c] !== recomputed[c]) {
      return { identical: false, table, t, row: rowKey(table, recorded), column: columns[c], recorded: recorded[c], recomputed: recomputed[c] };
    }
  }
  return null;
}
