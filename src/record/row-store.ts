import type { Statement } from 'better-sqlite3';
import { BatchInsert } from './batch-insert.ts';
import type { Recording } from './database.ts';
import type { DetailLevel } from './detail.ts';
import { STEP_TABLE_NAMES, type StepTable } from './schema.ts';

/** A run's integer key in the storage tables, and the detail level its decisions keep. */
export interface RunKey {
  readonly id: number;
  readonly detail: DetailLevel;
}

const STORAGE: Record<StepTable, { readonly table: string; readonly columns: readonly string[] }> = {
  metrics: { table: 'metric', columns: ['run', 't', 'series', 'value', 'time'] },
  decisions: {
    table: 'decision',
    columns: ['run', 't', 'seq', 'principal', 'agent', 'policy', 'reward', 'best_reward', 'area', 'expected', 'detail', 'time'],
  },
  events: { table: 'event', columns: ['run', 't', 'seq', 'type', 'subject', 'payload_json', 'time'] },
  snapshots: { table: 'snapshot', columns: ['run', 't', 'state_json', 'time'] },
};

/** A row's time is stored only where it differs from its step's index. */
const ownTime = (t: number, time: number): number | null => (time === t ? null : time);

/**
 * Stores rows of the step tables (as stepRows makes them and the reader returns them) in the
 * compact storage of schema version 2: names become dictionary ids, a decision's choice and
 * regret are left to the views. Call inside a transaction; report its end with committed() or
 * rolledBack(), so that names of a rolled-back transaction are not taken for stored ones.
 */
export class RowStore {
  private readonly inserts: Record<StepTable, BatchInsert>;
  private readonly ids = new Map<string, number>();
  private uncommitted: string[] = [];
  private readonly addName: Statement;
  private readonly findName: Statement;
  private readonly findRun: Statement;

  constructor(db: Recording) {
    this.inserts = Object.fromEntries(
      STEP_TABLE_NAMES.map((table) => [table, new BatchInsert(db, STORAGE[table].table, STORAGE[table].columns)]),
    ) as Record<StepTable, BatchInsert>;
    this.addName = db.prepare('INSERT INTO dictionary (name) VALUES (?) ON CONFLICT (name) DO NOTHING');
    this.findName = db.prepare('SELECT id FROM dictionary WHERE name = ?').pluck();
    this.findRun = db.prepare('SELECT id, detail FROM run WHERE run_id = ?');
  }

  runKey(runId: string): RunKey {
    const key = this.findRun.get(runId) as RunKey | undefined;
    if (key === undefined) throw new Error(`run ${runId} is not in the recording`);
    return key;
  }

  /** Adds one row of a step table to the run `run`. */
  add(table: StepTable, run: number, row: readonly unknown[]): void {
    const insert = this.inserts[table];
    const t = row[0] as number;
    switch (table) {
      case 'metrics':
        return insert.add(run, t, this.id(row[1] as string), row[2], ownTime(t, row[3] as number));
      case 'decisions': {
        const agent = row[4] as string | null;
        return insert.add(
          run,
          t,
          row[1],
          this.id(row[2] as string),
          agent === null ? null : this.id(agent),
          this.id(row[5] as string),
          row[6],
          row[7],
          row[9],
          row[10],
          row[11],
          ownTime(t, row[12] as number),
        );
      }
      case 'events':
        return insert.add(run, t, row[1], this.id(row[2] as string), this.id(row[3] as string), row[4], ownTime(t, row[5] as number));
      case 'snapshots':
        return insert.add(run, t, row[1], ownTime(t, row[2] as number));
    }
  }

  /** Writes the rows still waiting in partial batches. */
  flush(): void {
    for (const table of STEP_TABLE_NAMES) this.inserts[table].flush();
  }

  committed(): void {
    this.uncommitted = [];
  }

  rolledBack(): void {
    for (const name of this.uncommitted) this.ids.delete(name);
    this.uncommitted = [];
  }

  private id(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    this.addName.run(name);
    const id = this.findName.get(name) as number;
    this.ids.set(name, id);
    this.uncommitted.push(name);
    return id;
  }
}
