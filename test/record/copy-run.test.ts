import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyRun } from '../../src/record/copy-run.ts';
import { openForReading, openForWriting, type Recording } from '../../src/record/database.ts';
import { findRun, iterateRows, listRuns } from '../../src/record/reader.ts';
import { beginRun } from '../../src/record/run-log.ts';
import { reclaimRun } from '../../src/record/run-owner.ts';
import { STEP_TABLE_NAMES } from '../../src/record/schema.ts';
import { tempDir } from '../support/cli.ts';
import { recordEveryTable } from '../support/every-table-run.ts';

const rowsOf = (db: Recording, runId: string): Record<string, unknown[][]> =>
  Object.fromEntries(STEP_TABLE_NAMES.map((table) => [table, [...iterateRows(db, table, runId)]]));

describe('copyRun', () => {
  it('copies a run row and every row it recorded, at its own detail level, into another recording', async () => {
    const dir = tempDir();
    const from = openForWriting(join(dir, 'from.sqlite'));
    const full = await recordEveryTable(from, { detail: 'full' });
    const summary = await recordEveryTable(from, { detail: 'summary', seed: 2, steps: 5 });
    const to = openForWriting(join(dir, 'to.sqlite'));
    to.transaction(() => {
      copyRun(from, to, summary);
      copyRun(from, to, full);
    })();
    // Copied in that order, the runs list them so.
    expect(listRuns(to)).toEqual([findRun(from, summary), findRun(from, full)]);
    for (const runId of [full, summary]) expect(rowsOf(to, runId)).toEqual(rowsOf(from, runId));
    // 5 steps of 3 principals: 15 decisions, 2 metrics a step, events at t = 2 and 4, snapshots at 2, 4 and 5.
    const copied = rowsOf(to, summary);
    expect([copied.decisions.length, copied.metrics.length, copied.events.length, copied.snapshots.length]).toEqual([15, 10, 2, 3]);
    from.close();
    to.close();
  });

  it('copies a run of a schema version 1 recording, whose decisions kept their whole detail', () => {
    const from = openForReading('test/fixtures/recording-v1.sqlite');
    const to = openForWriting(join(tempDir(), 'to.sqlite'));
    const runId = 'every-table-s1-2a055218';
    to.transaction(() => copyRun(from, to, runId))();
    expect(to.prepare('SELECT detail FROM run').pluck().all()).toEqual(['full']);
    expect(rowsOf(to, runId)).toEqual(rowsOf(from, runId));
    // 6 steps of 3 principals.
    expect(rowsOf(to, runId).decisions).toHaveLength(18);
    from.close();
    to.close();
  });

  it('stores a crashed run as running, as its own file does: the copy shows it crashed, and it can be resumed there', () => {
    const dir = tempDir();
    const from = openForWriting(join(dir, 'from.sqlite'));
    const runId = beginRun(from, { world: 'w', seed: 1, paramsJson: '{}', engineVersion: 'test', stepsRequested: 10, snapshotEvery: 0 });
    // A running run that names no owner is crashed (run-owner.ts).
    from.prepare('UPDATE run SET owner_host = NULL, owner_pid = NULL, heartbeat_at = NULL').run();
    expect(findRun(from, runId).status).toBe('crashed');
    const to = openForWriting(join(dir, 'to.sqlite'));
    to.transaction(() => copyRun(from, to, runId))();
    expect(to.prepare('SELECT status, owner_host, owner_pid FROM run').all()).toEqual([{ status: 'running', owner_host: null, owner_pid: null }]);
    const copy = findRun(to, runId);
    expect(copy.status).toBe('crashed');
    reclaimRun(to, copy);
    expect(findRun(to, runId).status).toBe('running');
    from.close();
    to.close();
  });
});
