import { validateParams } from '../kernel/params.ts';
import { loadWorld } from '../kernel/registry.ts';
import type { AnyWorld } from '../kernel/world.ts';
import type { RunRow } from '../record/reader.ts';

export interface ReconstructedRun {
  readonly world: AnyWorld;
  readonly params: Record<string, unknown>;
}

/** A recorded run's world and parameters, loaded again: a run *is* world + params + seed. */
export async function reconstruct(run: RunRow): Promise<ReconstructedRun> {
  const world = await loadWorld(run.world);
  const params = validateParams(world, JSON.parse(run.params_json) as Record<string, unknown>);
  return { world, params };
}
