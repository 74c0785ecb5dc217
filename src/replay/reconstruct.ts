import { validateParams } from '../kernel/params.ts';
import { loadWorld } from '../kernel/registry.ts';
import { checkWorldFile, recordedWorld, sourceHash } from '../kernel/world-reference.ts';
import type { AnyWorld } from '../kernel/world.ts';
import type { Recording } from '../record/database.ts';
import type { RunRow } from '../record/reader.ts';

export interface ReconstructOptions {
  /**
   * The user agreed to run the run's world file. A recording is data, but a world file is code
   * (anyone can send a recording naming any file): it runs only with the user's word.
   */
  readonly trustWorldFile: boolean;
}

/** A world module whose source is not the one the run was made with. */
export interface WorldChange {
  readonly file: string;
  readonly recorded: string;
  readonly current: string;
}

export interface ReconstructedRun {
  readonly world: AnyWorld;
  readonly params: Record<string, unknown>;
  /** Set when the run's world file changed since the run. */
  readonly worldChange: WorldChange | null;
}

/** A recorded run's world and parameters, loaded again: a run *is* world + params + seed. */
export async function reconstruct(db: Recording, run: RunRow, options: ReconstructOptions): Promise<ReconstructedRun> {
  const recorded = recordedWorld(run.world, db.name);
  let worldChange: WorldChange | null = null;
  if (recorded.kind === 'file') {
    checkWorldFile(recorded, run.run_id, options.trustWorldFile);
    const current = sourceHash(recorded.file);
    if (recorded.sha256 !== null && recorded.sha256 !== current) worldChange = { file: recorded.file, recorded: recorded.sha256, current };
  }
  const world = await loadWorld(recorded.kind === 'file' ? recorded.file : recorded.name);
  const params = validateParams(world, JSON.parse(run.params_json) as Record<string, unknown>);
  return { world, params, worldChange };
}
