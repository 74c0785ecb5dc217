import { validateParams } from '../../src/kernel/params.ts';
import type { DetailLevel } from '../../src/record/detail.ts';
import type { Recording } from '../../src/record/database.ts';
import { recordRun } from '../../src/record/record-run.ts';
import everyTable from '../fixtures/every-table.ts';

/** Where the every-table world lives, as a user names it. */
export const EVERY_TABLE = 'test/fixtures/every-table.ts';

export interface EveryTableOptions {
  readonly seed?: number;
  readonly steps?: number;
  readonly principals?: number;
  readonly policy?: 'self' | 'delegate';
  readonly detail?: DetailLevel;
}

/**
 * Records a run of the every-table world (test/fixtures/every-table.ts): at each step t, one
 * decision per principal, the metrics welfare/principals and regret/cumulative, an event when
 * t is even, and a snapshot every 2 steps and at the last. Returns the run's id.
 */
export async function recordEveryTable(db: Recording, options: EveryTableOptions = {}): Promise<string> {
  const params = validateParams(everyTable, { principals: options.principals ?? 3, policy: options.policy ?? 'delegate' });
  const { runId, status } = await recordRun({
    db,
    world: everyTable,
    worldRef: EVERY_TABLE,
    params,
    seed: options.seed ?? 1,
    steps: options.steps ?? 6,
    snapshotEvery: 2,
    detail: options.detail ?? 'full',
    clock: () => '2026-01-01T00:00:00.000Z',
  });
  if (status !== 'completed') throw new Error(`the every-table run ended ${status}`);
  return runId;
}
