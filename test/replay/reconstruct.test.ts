import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/kernel/errors.ts';
import { loadWorld } from '../../src/kernel/registry.ts';
import { worldReference } from '../../src/kernel/world-reference.ts';
import { openForWriting } from '../../src/record/database.ts';
import { findRun, type RunRow } from '../../src/record/reader.ts';
import { recordRun } from '../../src/record/record-run.ts';
import { reconstruct } from '../../src/replay/reconstruct.ts';
import { tempDir } from '../support/cli.ts';

const KERNEL = pathToFileURL(join(import.meta.dirname, '../../src/kernel/world.ts')).href;
const WORLD_SOURCE = `import { z } from 'zod';
import { defineWorld } from '${KERNEL}';

export default defineWorld({
  name: 'counter',
  description: 'counts to the number of steps',
  params: z.object({ by: z.number().int().default(2) }),
  defaultSteps: 5,
  init: () => ({ count: 0 }),
  phases: { act: (ctx) => void (ctx.state.count += ctx.params.by), measure: (ctx) => ctx.metric('count', ctx.state.count) },
});
`;

/** The first 16 hex digits of the SHA-256 of a file's bytes, as the recording stores them. */
const hashOf = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

let dir: string;
let worldFile: string;
let recordingFile: string;
let run: RunRow;

beforeEach(async () => {
  dir = tempDir();
  worldFile = join(dir, 'counter.ts');
  writeFileSync(worldFile, WORLD_SOURCE);
  recordingFile = join(dir, 'runs.sqlite');
  const world = await loadWorld(worldFile);
  const db = openForWriting(recordingFile);
  try {
    const { runId } = await recordRun({ db, world, worldRef: worldReference(worldFile, world, dir), params: { by: 3 }, seed: 1, steps: 3, snapshotEvery: 0 });
    run = findRun(db, runId);
  } finally {
    db.close();
  }
});

async function reconstructIn(row: RunRow, trustWorldFile = true) {
  const db = openForWriting(recordingFile, { mustExist: true });
  try {
    return await reconstruct(db, row, { trustWorldFile });
  } finally {
    db.close();
  }
}

describe('reconstruct', () => {
  it('loads a world file again from the recording, with the parameters of the run, and no change to report', async () => {
    expect(run.world).toBe(`./counter.ts#name=counter&sha256=${hashOf(worldFile)}`);
    const { world, params, worldChange } = await reconstructIn(run);
    expect(world.name).toBe('counter');
    expect(params).toEqual({ by: 3 });
    expect(worldChange).toBeNull();
  });

  it('names the world file, its recorded hash and its hash now when the module changed since the run', async () => {
    const recorded = hashOf(worldFile);
    appendFileSync(worldFile, '// edited after the run\n');
    const { worldChange } = await reconstructIn(run);
    expect(worldChange).toEqual({ file: worldFile, recorded, current: hashOf(worldFile) });
    expect(worldChange!.current).not.toBe(recorded);
  });

  it('reports no change for a path recorded without a hash, whatever the file holds now', async () => {
    appendFileSync(worldFile, '// edited after the run\n');
    const { worldChange, world } = await reconstructIn({ ...run, world: worldFile });
    expect(world.name).toBe('counter');
    expect(worldChange).toBeNull();
  });

  it("runs a world file's code only with the user's word", async () => {
    await expect(reconstructIn(run, false)).rejects.toThrow(InputError);
    await expect(reconstructIn(run, false)).rejects.toThrow(
      `run ${run.run_id} was made by the world file '${worldFile}'; replaying it runs that file's code: expected --trust-world if you trust it`,
    );
  });

  it('loads a built-in world by its name, with no file to check', async () => {
    const { world, worldChange } = await reconstructIn({ ...run, world: 'assistants', params_json: '{}' }, false);
    expect(world.name).toBe('assistants');
    expect(worldChange).toBeNull();
  });
});
