import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { BenchResult } from './main.ts';
import { summarised } from './stats.ts';

/**
 * Start-up of the built package, as a user meets it: the CPU time of short commands against a bare
 * `node -e 0`, a sweep worker thread's start, and the shipped sweep on 2 workers against 1.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'alignsim.js');
const ROUNDS = 11;

/** Wall-clock and CPU seconds of one measurement. */
interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

/** Wall-clock and CPU seconds (user + system, all threads) of `node ARGS`; CPU from bash's `times` (10 ms resolution). */
function timeNode(args: readonly string[]): Timing {
  const start = performance.now();
  const result = spawnSync('bash', ['-c', '"$@" >/dev/null || exit 1; times', 'bash', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  const [user, system] = result.stdout.trim().split('\n')[1]!.split(' ').map((time) => {
    const [, minutes, seconds] = /^(\d+)m([\d.]+)s$/.exec(time)!;
    return 60 * Number(minutes) + Number(seconds);
  });
  return { wall, cpu: user! + system! };
}

const childCpuSeconds = (args: readonly string[]): number => timeNode(args).cpu;

/** Per round, each command's CPU time over that of `node -e 0`, measured interleaved. */
function startupRatios(): { version: number[]; worlds: number[] } {
  const ratios = { version: [] as number[], worlds: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const bare = childCpuSeconds(['-e', '0']);
    ratios.version.push(childCpuSeconds([BIN, '--version']) / bare);
    ratios.worlds.push(childCpuSeconds([BIN, 'worlds']) / bare);
  }
  return ratios;
}

/**
 * From creating a one-thread sweep pool (the built worker) to the result of its first, one-step
 * run: wall seconds, and CPU seconds of this process (all threads; steadier on a busy machine).
 */
async function workerFirstRun(): Promise<Timing> {
  const dist = (module: string) => import(new URL(`../dist/src/${module}.js`, import.meta.url).href);
  const [{ workerScript }, { loadWorld }, { validateParams }] = await Promise.all([dist('kernel/threads'), dist('kernel/registry'), dist('kernel/params')]);
  const params = validateParams(await loadWorld('assistants'), { principals: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  const workerData = { dir, filePrefix: '', worldRef: 'assistants', steps: 1, snapshotEvery: 0, workerCounter: new Int32Array(new SharedArrayBuffer(4)), stop: new Int32Array(new SharedArrayBuffer(4)) };
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  // execArgv: [] as under `alignsim sweep`: not this process's `--import tsx`, which a worker would inherit.
  const script = workerScript(new URL('../dist/src/sweep/pool-worker.js', import.meta.url), workerData);
  const pool = new Piscina({ ...script, minThreads: 1, maxThreads: 1, execArgv: [] });
  await pool.run({ index: 0, params, seed: 1 });
  const { user, system } = process.cpuUsage(cpu);
  const wall = (performance.now() - start) / 1000;
  await pool.destroy();
  rmSync(dir, { recursive: true, force: true });
  return { wall, cpu: (user + system) / 1e6 };
}

const SHIPPED_SWEEP = join(ROOT, 'worlds', 'assistants.sweep.json');

/** `alignsim sweep SPEC` on `workers` workers. */
function timeSweep(spec: string, workers: number): Timing {
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  try {
    return timeNode([BIN, 'sweep', spec, '--quiet', '--out', join(dir, 'out'), '--workers', String(workers)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same sweep as two processes of one worker each, one shard apiece, side by side: nothing is
 * shared but the machine, so 1-worker time over this is the most two workers could gain here.
 */
function timeTwoProcesses(): number {
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  const shard = (index: number): string => [process.execPath, BIN, 'sweep', SHIPPED_SWEEP, '--quiet', '--out', join(dir, 'out'), '--workers', '1', '--shard', `${index}/2`].map((word) => `'${word}'`).join(' ');
  try {
    const start = performance.now();
    const result = spawnSync('bash', ['-c', `${shard(0)} >/dev/null & first=$!; ${shard(1)} >/dev/null & second=$!; wait $first && wait $second`], { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`two sweep shards failed: ${result.stderr}`);
    return (performance.now() - start) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bench(): Promise<BenchResult[]> {
  const { version, worlds } = startupRatios();
  const firstRuns: Timing[] = [];
  for (let i = 0; i < 5; i++) firstRuns.push(await workerFirstRun());
  const [walls, cpus] = [firstRuns.map((r) => r.wall), firstRuns.map((r) => r.cpu)];
  // The shipped sweep's runs last about 0.1 s each, so each thread's JIT warm-up weighs on it;
  // the same sweep with runs five times as long shows what the pool gains once that is amortised.
  const longDir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  const longSweep = join(longDir, 'assistants-long.sweep.json');
  const shipped = JSON.parse(readFileSync(SHIPPED_SWEEP, 'utf8')) as { steps: number };
  writeFileSync(longSweep, JSON.stringify({ ...shipped, steps: 5 * shipped.steps }));
  const rounds: { one: Timing; two: Timing; processes: number; longOne: Timing; longTwo: Timing }[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const [one, two, processes] = [timeSweep(SHIPPED_SWEEP, 1), timeSweep(SHIPPED_SWEEP, 2), timeTwoProcesses()];
      rounds.push({ one, two, processes, longOne: timeSweep(longSweep, 1), longTwo: timeSweep(longSweep, 2) });
    }
  } finally {
    rmSync(longDir, { recursive: true, force: true });
  }
  const perRound = (of: (round: (typeof rounds)[number]) => number): number[] => rounds.map(of);
  return [
    summarised('startup: CPU of alignsim --version over node -e 0', version, '×', '≤ 3'),
    summarised('startup: CPU of alignsim worlds over node -e 0', worlds, '×', '≤ 6'),
    summarised('startup: a sweep worker thread started and its first run done, wall', walls, 's', '≤ 0.25'),
    summarised('startup: the same, CPU time of all threads', cpus, 's'),
    summarised('startup: worlds/assistants.sweep.json, 2 workers over 1', perRound(({ one, two }) => one.wall / two.wall), '×', '≥ 1.6'),
    summarised('startup: the same, CPU time of 2 workers over 1', perRound(({ one, two }) => two.cpu / one.cpu), '×'),
    // V8 compiles hot code and collects garbage on threads of its own, so one worker keeps more
    // than one core busy; two workers need more CPU still (each thread loads and warms up its own
    // code), and two cores take at least half that CPU time to get through it.
    summarised("startup: the same, 1 worker's CPU over its wall time: cores it keeps busy", perRound(({ one }) => one.cpu / one.wall), 'cores'),
    summarised("startup: so the most 2 workers can gain on 2 cores: 1 worker's wall time over half of 2 workers' CPU time", perRound(({ one, two }) => one.wall / (two.cpu / 2)), '×'),
    summarised("startup: the same sweep as 2 one-worker processes (a shard each) over 1 worker: this machine's ceiling", perRound(({ one, processes }) => one.wall / processes), '×'),
    summarised('startup: the same sweep with runs 5 times as long, 2 workers over 1', perRound(({ longOne, longTwo }) => longOne.wall / longTwo.wall), '×'),
  ];
}
