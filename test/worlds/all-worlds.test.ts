import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateParams } from '../../src/kernel/params.ts';
import { builtInWorldNames, loadWorld } from '../../src/kernel/registry.ts';
import { openForReading, openForWriting } from '../../src/record/database.ts';
import { findRun } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { verifyRun } from '../../src/replay/verify.ts';
import { tempDir } from '../support/cli.ts';

const STEPS = 12;

describe.each(builtInWorldNames())('built-in world %s', (name) => {
  it(`runs ${STEPS} steps with its defaults, records metrics, and replays identically`, async () => {
    const world = await loadWorld(name);
    expect(world.name).toBe(name);
    const file = join(tempDir(), `${name}.sqlite`);
    const db = openForWriting(file);
    const result = await recordRun({ db, world, worldRef: name, params: validateParams(world, {}), seed: 3, steps: STEPS, snapshotEvery: 5 });
    db.close();
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ status: 'completed', stepsCompleted: STEPS });

    const reader = openForReading(file);
    try {
      const metrics = reader.prepare('SELECT count(*) FROM metrics WHERE run_id = ?').pluck().get(result.runId) as number;
      expect(metrics).toBeGreaterThanOrEqual(STEPS);
      const nonFinite = reader.prepare('SELECT count(*) FROM metrics WHERE run_id = ? AND (value IS NULL OR abs(value) > 1e300)').pluck().get(result.runId);
      expect(nonFinite).toBe(0);
      expect(await verifyRun(reader, findRun(reader, result.runId), { trustWorldFile: false })).toEqual({ identical: true, steps: STEPS, worldChange: null });
    } finally {
      reader.close();
    }
  });
});
