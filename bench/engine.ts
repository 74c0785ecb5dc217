import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateParams } from '../src/kernel/params.ts';
import { loadWorld } from '../src/kernel/registry.ts';
import { simulate } from '../src/kernel/simulate.ts';
import { openForWriting } from '../src/record/database.ts';
import { recordRun } from '../src/record/record-run.ts';
import { ThreadStepWriter } from '../src/record/step-writer.ts';
import { STEP_TABLE_NAMES } from '../src/record/schema.ts';
import type { BenchResult } from './main.ts';

/** The flagship world at scale: 1,000 principals × 8 areas × 5 assistants for 1,000 steps. */
const SETTING = { principals: 1000, areas: 8, assistants: 5 };
const STEPS = 1000;
const OPTIONS = { seed: 1, steps: STEPS, snapshotEvery: 100 };

/** CPU seconds (user + system) since `start`: steadier than wall time on a shared machine. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1e6;
}

export async function bench(): Promise<BenchResult[]> {
  const world = await loadWorld('assistants');
  const params = validateParams(world, SETTING);

  const simulateStart = performance.now();
  const simulateCpu = process.cpuUsage();
  for (const record of simulate(world, params, OPTIONS)) void record;
  const simulateCpuSeconds = cpuSeconds(simulateCpu);
  const simulateSeconds = (performance.now() - simulateStart) / 1000;

  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  const record = async (name: string, threaded: boolean) => {
    const file = join(dir, `${name}.sqlite`);
    const db = openForWriting(file);
    const start = performance.now();
    const cpu = process.cpuUsage();
    await recordRun({ db, world, worldRef: 'assistants', params, ...OPTIONS, writer: threaded ? (runId) => new ThreadStepWriter(file, runId) : undefined });
    const cpuSeconds_ = cpuSeconds(cpu);
    const seconds = (performance.now() - start) / 1000;
    const rows = ['runs', ...STEP_TABLE_NAMES].reduce(
      (n, table) => n + (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number),
      0,
    );
    db.close();
    return { seconds, cpuSeconds: cpuSeconds_, rows };
  };
  const inline = await record('inline', false);
  const threaded = await record('threaded', true);
  rmSync(dir, { recursive: true, force: true });

  const agents = SETTING.principals + SETTING.assistants;
  const label = `engine: assistants, ${SETTING.principals} principals × ${SETTING.areas} areas × ${SETTING.assistants} assistants, ${STEPS} steps`;
  return [
    { name: `${label}, recorded on a writer thread (alignsim run)`, value: STEPS / threaded.seconds, unit: 'steps/s', target: '≥ 200' },
    { name: `${label}, recorded on the same thread`, value: STEPS / inline.seconds, unit: 'steps/s' },
    { name: `${label}, simulate only`, value: STEPS / simulateSeconds, unit: 'steps/s' },
    { name: 'engine: agent-area updates, simulate only', value: (agents * SETTING.areas * STEPS) / simulateSeconds, unit: 'updates/s' },
    { name: 'engine: rows written, writer thread', value: threaded.rows / threaded.seconds, unit: 'rows/s' },
    {
      name: 'engine: share of wall time the simulation waits on recording, writer thread',
      value: (100 * (threaded.seconds - simulateSeconds)) / threaded.seconds,
      unit: '%',
      target: '≤ 30',
    },
    { name: 'engine: share of CPU time spent recording, same thread', value: (100 * (inline.cpuSeconds - simulateCpuSeconds)) / inline.cpuSeconds, unit: '%' },
  ];
}
