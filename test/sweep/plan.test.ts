import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openForWriting } from '../../src/record/database.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { BYTES_PER_PLANNED_RUN, planSweep, replicationSeed } from '../../src/sweep/plan.ts';
import { parseSpec } from '../../src/sweep/spec.ts';
import { tempDir } from '../support/cli.ts';

const FRAGILE = 'test/support/fragile-world.ts';
const spec = (fields: Record<string, unknown>) => parseSpec(JSON.stringify({ world: FRAGILE, ...fields }), 'spec.json');

describe('planSweep', () => {
  it('crosses each set with every grid combination (last axis fastest), replications innermost', async () => {
    const plan = await planSweep(
      spec({ base: { drift: 0.5 }, sets: [{ failAt: 0 }, { failAt: 9 }], grid: { drift: [0.1, 0.2, 0.3] }, replications: 2 }),
      'runs',
    );
    expect(plan.size).toBe(2 * 3 * 2);
    const runs = Array.from({ length: plan.size }, (_, i) => plan.run(i));
    expect(runs.map((r) => [r.params.failAt, r.params.drift])).toEqual([
      [0, 0.1], [0, 0.1], [0, 0.2], [0, 0.2], [0, 0.3], [0, 0.3],
      [9, 0.1], [9, 0.1], [9, 0.2], [9, 0.2], [9, 0.3], [9, 0.3],
    ]);
    expect(plan.steps).toBe(10);
  });

  it('gives every setting the same seeds, one per replication, derived from the sweep seed', async () => {
    const plan = await planSweep(spec({ seed: 7, grid: { drift: [0, 1] }, replications: 3 }), 'runs');
    const seeds = Array.from({ length: plan.size }, (_, i) => plan.run(i).seed);
    const expected = [0, 1, 2].map((r) => replicationSeed(7, r));
    expect(seeds).toEqual([...expected, ...expected]);
    expect(new Set(expected).size).toBe(3);
    expect(replicationSeed(8, 0)).not.toBe(expected[0]);
    expect(expected.every((s) => Number.isSafeInteger(s) && s >= 0)).toBe(true);
  });

  it.each(['base', 'grid'])('refuses a parameter named __proto__ in %s rather than dropping it', async (field) => {
    const value = field === 'grid' ? '[1, 2]' : '1';
    const text = `{"world": "${FRAGILE}", "${field}": {"drift": ${field === 'grid' ? '[0]' : '0'}, "__proto__": ${value}}}`;
    await expect(planSweep(parseSpec(text, 'spec.json'), 'runs')).rejects.toThrow(/unknown parameter '__proto__' for world 'fragile'/);
  });

  it('refuses a plan whose run list cannot fit in the memory available, before allocating it', async () => {
    const small = spec({ grid: { drift: [0, 0.5] }, replications: 10 });
    await expect(planSweep(small, 'runs', { bytes: 20 * BYTES_PER_PLANNED_RUN - 1, source: 'a limit' })).rejects.toThrow(/2\.00e\+1 runs/);
    expect((await planSweep(small, 'runs', { bytes: 20 * BYTES_PER_PLANNED_RUN, source: 'a limit' })).size).toBe(20);
  });

  it('is a pure function of the spec: two plans give the same list', async () => {
    const s = spec({ grid: { drift: [0, 0.5, 1] }, replications: 4 });
    const [a, b] = [await planSweep(s, 'runs'), await planSweep(s, 'runs')];
    for (let i = 0; i < a.size; i++) expect(a.run(i)).toEqual(b.run(i));
  });

  it('predicts the run id the recorder gives', async () => {
    const dir = tempDir();
    const plan = await planSweep(spec({ grid: { drift: [0.25] } }), dir);
    const run = plan.run(0);
    const db = openForWriting(join(dir, 'one.sqlite'));
    const recorded = await recordRun({ db, world: plan.world, worldRef: FRAGILE, params: run.params, seed: run.seed, steps: plan.steps, snapshotEvery: 0 });
    db.close();
    expect(recorded.runId).toBe(run.runId);
  });

  it('validates every setting against the world schema, naming where it came from', async () => {
    await expect(planSweep(spec({ grid: { drift: [0.5, 2] } }), 'runs')).rejects.toThrow(/^sweep spec, grid drift=2: parameter 'drift': Number must be less than or equal to 1/);
    await expect(planSweep(spec({ sets: [{}, { speed: 1 }] }), 'runs')).rejects.toThrow(/^sweep spec, sets\[1\]: unknown parameter 'speed' for world 'fragile'/);
    await expect(planSweep(spec({ world: 'no-such-world' }), 'runs')).rejects.toThrow(/unknown world 'no-such-world'/);
    // Refused before anything is allocated: a billion replications, or a grid of 10⁶ settings × 2.
    await expect(planSweep(spec({ replications: 1e9 }), 'runs')).rejects.toThrow(/^sweep spec: 1,000,000,000 runs \(settings × replications\): expected at most 1,000,000/);
    const axis = Array.from({ length: 1000 }, (_, i) => i / 1000);
    await expect(planSweep(spec({ grid: { drift: axis, failAt: axis }, replications: 2 }), 'runs')).rejects.toThrow(/^sweep spec: 2,000,000 runs/);
  });

  it('refuses a parameter given both in a set and on a grid axis, and repeated settings', async () => {
    await expect(planSweep(spec({ sets: [{ drift: 0 }], grid: { drift: [1] } }), 'runs')).rejects.toThrow(/field 'sets\[0\].drift' is also a grid axis/);
    await expect(planSweep(spec({ sets: [{ drift: 0 }, {}] }), 'runs')).rejects.toThrow(/sets\[1\] gives the same parameters as sets\[0\]/);
  });
});
