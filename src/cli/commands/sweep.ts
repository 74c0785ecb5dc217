import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from '../../kernel/errors.ts';
import { runSweep, type SweepResult } from '../../sweep/run-sweep.ts';
import { parseShard, shardFromEnvironment, type Shard } from '../../sweep/shard.ts';
import { readSpec } from '../../sweep/spec.ts';
import { sweepStatus, type SweepStatus } from '../../sweep/status.ts';
import { positiveInteger } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { formatTable } from '../table.ts';
import { StopSignals } from '../stop-signals.ts';

interface SweepOptions {
  workers: number;
  out?: string;
  shard?: Shard;
  shards?: number;
  status?: string;
  quiet?: boolean;
  json?: boolean;
}

const FAILURES_SHOWN = 5;

function formatResult(result: SweepResult, shard: Shard | null, dir: string): string {
  const scope = shard ? `shard ${shard.index} of ${shard.count}` : 'whole sweep';
  return formatTable([
    ['runs', 'count'],
    ['in the sweep', String(result.size)],
    [`in this process (${scope})`, String(result.inShard)],
    ['already complete', String(result.alreadyComplete)],
    ['completed now', String(result.completed)],
    ['failed', String(result.failed.length)],
    ['interrupted', String(result.interrupted)],
  ]) + `recordings: ${result.files.join(', ') || '(none)'}\nmerge them with: alignsim merge OUT.sqlite ${join(dir, '*.sqlite')}\n`;
}

function formatStatus(status: SweepStatus): string {
  return formatTable([
    ['runs', 'count'],
    ['complete', String(status.complete)],
    ['failed', String(status.failed)],
    ['crashed', String(status.crashed)],
    ['unfinished', String(status.unfinished)],
    ['missing', String(status.missing)],
    ['total', String(status.total)],
  ]) + status.failures.map((f) => `failed: ${f.runId}: ${f.error ?? '(no message)'}\n`).join('');
}

async function sweep(specFile: string, options: SweepOptions): Promise<void> {
  const spec = readSpec(specFile);
  const shard = options.shard ?? shardFromEnvironment(process.env, options.shards ?? spec.shards);
  const dir = options.out ?? join('runs', basename(specFile).replace(/\.json$/, ''));
  const stops = new StopSignals();
  let progress: ProgressBar | undefined;
  try {
    const result = await runSweep({
      spec,
      dir,
      workers: options.workers,
      shard,
      signal: stops.signal,
      onStart: (toRun) => (progress = toRun > 0 ? new ProgressBar(toRun, 'runs', options.quiet === true) : undefined),
      onRun: (done) => progress?.update(done),
    });
    progress?.finish();
    process.stdout.write(formatResult(result, shard, dir));
    for (const failure of result.failed.slice(0, FAILURES_SHOWN)) process.stderr.write(`alignsim: run ${failure.runId} failed: ${failure.error}\n`);
    if (result.interrupted > 0) process.stderr.write('alignsim: interrupted; run the same command again to finish the sweep\n');
    process.exitCode = stops.exitCodeFor(result.interrupted > 0 ? 'interrupted' : result.failed.length > 0 ? 'failed' : 'completed');
  } finally {
    stops.dispose();
  }
}

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a sweep (parameter grid × replications) on worker threads, or one shard of it; or report its status')
    .argument('[spec]', 'sweep spec (JSON: world, seed, steps, base, grid, sets, replications, shards)')
    .option('--workers <n>', 'worker threads', positiveInteger('--workers'), availableParallelism())
    .option('--out <dir>', 'directory of the recordings (default: runs/<spec name>)')
    .option('--shard <I/N>', 'run only shard I of N (from 0): the runs whose index mod N is I', parseShard)
    .option('--shards <n>', 'number of shards when the shard index comes from the environment (Slurm, Kubernetes)', positiveInteger('--shards'))
    .option('--status <dir>', 'count the complete, failed, crashed, unfinished and missing runs of the sweep in DIR')
    .option('--quiet', 'no progress bar')
    .option('--json', 'with --status: print the counts as JSON (total, complete, failed, unfinished, missing, failures)')
    .action(async (specFile: string | undefined, options: SweepOptions) => {
      if (options.status !== undefined) {
        const status = await sweepStatus(options.status);
        process.stdout.write(options.json ? JSON.stringify(status) + '\n' : formatStatus(status));
        return;
      }
      if (options.json) throw new InputError('sweep --json: expected --status DIR (a running sweep prints a table)');
      if (specFile === undefined) throw new InputError('sweep: expected a spec file (alignsim sweep SPEC.json) or --status DIR');
      await sweep(specFile, options);
    });
}
