import { pathToFileURL } from 'node:url';
import { policyNames } from '../agents/policies/index.ts';
import { validateParams } from '../src/kernel/params.ts';
import { loadWorld } from '../src/kernel/registry.ts';
import { simulate } from '../src/kernel/simulate.ts';

/**
 * Every delegation policy on the drifting world and on the flagship, several seeds each: the mean final
 * cumulative dynamic regret (against each step's best decider; lower is better). Common random numbers: a
 * seed gives every policy the same problems.
 */
const SEEDS = [1, 2, 3, 4, 5];
const SCENARIOS = [
  { world: 'drifting-assistant', params: {}, steps: 3000 },
  { world: 'assistants', params: { principals: 100 }, steps: 500 },
] as const;

async function meanDynamicRegret(world: string, params: Record<string, unknown>, steps: number, policy: string): Promise<number> {
  const definition = await loadWorld(world);
  let total = 0;
  for (const seed of SEEDS) {
    let last = 0;
    for (const record of simulate(definition, validateParams(definition, { ...params, policy }), { seed, steps, snapshotEvery: 0 })) {
      last = record.metrics.find((m) => m.name === 'regret/dynamic/cumulative')?.value ?? NaN;
    }
    total += last;
  }
  return total / SEEDS.length;
}

export async function bench(): Promise<Array<{ name: string; value: number; unit: string; target?: string }>> {
  const rows: Array<{ name: string; value: number; unit: string; target?: string }> = [];
  for (const { world, params, steps } of SCENARIOS) {
    const setting = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(' ');
    for (const policy of policyNames) {
      rows.push({
        name: `dynamic regret: ${world}${setting ? ` (${setting})` : ''}, ${steps} steps, ${policy}`,
        value: await meanDynamicRegret(world, params, steps, policy),
        unit: `mean of ${SEEDS.length} seeds`,
      });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await bench()) console.log(`${row.name}\t${row.value.toFixed(1)}\t${row.unit}`);
}
