import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './main.ts';
import { median, summarised } from './stats.ts';

const BIN = fileURLToPath(new URL('../bin/alignsim.js', import.meta.url));

/** The flagship at its default size (50 principals × 4 areas × 3 assistants) and length (500 steps). */
function spec(runs: number): Record<string, unknown> {
  return { world: 'assistants', grid: { policy: ['ucb1', 'epsilon-greedy'] }, replications: runs / 2 };
}

// The built package, as `alignsim sweep` runs it: its worker threads load compiled modules.
const { runSweep } = (await import(new URL('../dist/src/sweep/run-sweep.js', import.meta.url).href)) as typeof import('../src/sweep/run-sweep.ts');
const { parseSpec } = (await import(new URL('../dist/src/sweep/spec.js', import.meta.url).href)) as typeof import('../src/sweep/spec.ts');

/** Wall-clock seconds of a sweep in this process, and the cores it kept busy (CPU time over wall time). */
async function timeSweep(runs: number, workers: number): Promise<{ seconds: number; cores: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  const start = performance.now();
  const cpu = process.cpuUsage();
  await runSweep({ spec: parseSpec(JSON.stringify(spec(runs)), 'bench'), dir, workers, shard: null });
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (performance.now() - start) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { seconds, cores: (user + system) / 1e6 / seconds };
}

/** Peak resident memory (VmHWM, Linux) of `alignsim sweep` over `runs` runs on 2 workers, in MB. */
async function peakMegabytes(runs: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'alignsim-bench-'));
  const specFile = join(dir, 'spec.json');
  writeFileSync(specFile, JSON.stringify(spec(runs)));
  const child = spawn(process.execPath, [BIN, 'sweep', specFile, '--out', join(dir, 'out'), '--workers', '2', '--quiet'], { stdio: 'ignore' });
  let peakKb = 0;
  const status = `/proc/${child.pid}/status`;
  const sample = (): void => {
    const match = existsSync(status) ? /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, 'utf8')) : null;
    if (match) peakKb = Math.max(peakKb, Number(match[1]));
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`alignsim sweep of ${runs} runs exited with ${code}`);
  return peakKb / 1024;
}

const ROUNDS = 3;

export async function bench(): Promise<BenchResult[]> {
  const [ones, twos]: [Awaited<ReturnType<typeof timeSweep>>[], Awaited<ReturnType<typeof timeSweep>>[]] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    ones.push(await timeSweep(64, 1));
    twos.push(await timeSweep(64, 2));
  }
  const speedups = ones.map((one, round) => one.seconds / twos[round]!.seconds);
  const small = await peakMegabytes(16);
  const large = await peakMegabytes(128);
  return [
    summarised('sweep: 64 runs of assistants (defaults: 50 principals, 500 steps), 1 worker', ones.map((o) => 64 / o.seconds), 'runs/s'),
    summarised('sweep: 64 runs, 2 workers', twos.map((o) => 64 / o.seconds), 'runs/s'),
    summarised('sweep: speedup of 2 workers over 1, interleaved', speedups, '×', '≥ 1.8'),
    { name: 'sweep: cores kept busy by 1 worker (CPU time / wall time, median)', value: median(ones.map((o) => o.cores)), unit: 'cores' },
    { name: 'sweep: cores kept busy by 2 workers (median)', value: median(twos.map((o) => o.cores)), unit: 'cores' },
    { name: 'sweep: peak resident memory, 16 runs on 2 workers', value: small, unit: 'MB' },
    { name: 'sweep: peak resident memory, 128 runs on 2 workers', value: large, unit: 'MB' },
    { name: 'sweep: peak memory of 128 runs over 16 runs', value: large / small, unit: '×', target: '≤ 1.2' },
  ];
}
