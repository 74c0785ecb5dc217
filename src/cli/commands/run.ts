import { Option, type Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { availableMemory, checkMemory, formatBytes, LARGE_BYTES, parseSize } from '../../kernel/memory.ts';
import { parseAssignments } from '../../kernel/params.ts';
import { loadWorld } from '../../kernel/registry.ts';
import { defaultStepsOf, type AnyWorld } from '../../kernel/world.ts';
import { initialise } from '../../kernel/simulate.ts';
import { openForWriting, type Recording } from '../../record/database.ts';
import { findRun } from '../../record/reader.ts';
import { recordRun, type RecordedRun, type RecordHooks } from '../../record/record-run.ts';
import { reconstruct } from '../../replay/reconstruct.ts';
import { resumeRun } from '../../replay/resume.ts';
import { ThreadStepWriter } from '../../record/step-writer.ts';
import { summariseRun, type RunSummary, type StepTable } from '../../report/summary.ts';
import { collect, DEFAULT_DB, nonNegativeInteger, positiveInteger } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { StopSignals } from '../stop-signals.ts';
import { formatNumber, formatTable } from '../table.ts';

export const DEFAULT_WORLD = 'assistants';

interface RunOptions {
  seed: number;
  steps?: number;
  db: string;
  set: string[];
  snapshotEvery: number;
  resume?: string;
  maxMemory?: number;
  quiet?: boolean;
}

/**
 * Refuses a run that would not fit in memory (what the machine has available, or --max-memory
 * when smaller), before anything is allocated; says how much a large run expects to take.
 */
function guardMemory(world: AnyWorld, params: Record<string, unknown>, maxMemory: number | undefined): void {
  const available = availableMemory();
  const limit = maxMemory !== undefined && maxMemory < available.bytes ? { bytes: maxMemory, source: '--max-memory' } : available;
  const estimate = checkMemory(world, params, limit);
  if (estimate !== undefined && estimate >= LARGE_BYTES) process.stderr.write(`alignsim: this run needs about ${formatBytes(estimate)} of memory (estimated)\n`);
}

export function formatSummary(summary: RunSummary, file: string): string {
  const rows: string[][] = [
    ['run', summary.runId],
    ['status', summary.status],
    ['steps', String(summary.steps)],
    ...Object.entries(summary.finalMetrics)
      .filter(([, value]) => value !== null)
      .map(([name, value]) => [`final ${name}`, formatNumber(value)]),
    ...summary.worldMetrics.map(({ name, t, value }) => [t < summary.steps ? `${name} (step ${t})` : `final ${name}`, formatNumber(value)]),
    ...summary.delegation.map((d) => [`delegated (${d.policy})`, `${(100 * d.delegatedShare).toFixed(1)}% of ${d.decisions}`]),
    ['recording', file],
  ];
  const table = formatTable([['', ''], ...rows]).split('\n').slice(2).join('\n');
  return summary.perStep === null ? table : `${formatStepTable(summary.perStep)}\n${table}`;
}

function formatStepTable(steps: StepTable): string {
  return formatTable([['t', ...steps.labels], ...steps.rows.map((r) => [String(r.t), ...r.values.map(formatNumber)])]);
}

interface Recordable {
  readonly file: string;
  readonly db: Recording;
  readonly world: AnyWorld;
  readonly steps: number;
  readonly quiet: boolean;
}

/** Records a run (new or resumed) with a progress bar and stop signals, then prints its summary and sets the exit code. */
async function recordWithProgress({ file, db, world, steps, quiet }: Recordable, start: (hooks: RecordHooks) => Promise<RecordedRun>): Promise<void> {
  const progress = new ProgressBar(steps, 'steps', quiet);
  const stops = new StopSignals();
  try {
    const result = await start({
      signal: stops.signal,
      onStep: (record) => progress.update(record.t),
      writer: (runId, after) => new ThreadStepWriter(file, runId, after),
    });
    progress.finish();
    process.stdout.write(formatSummary(summariseRun(db, findRun(db, result.runId), world.summarySeries, world.summaryMetrics), file));
    if (result.error) {
      if (result.error instanceof InputError) throw result.error;
      process.stderr.write(`alignsim: run failed at step ${result.stepsCompleted + 1}: ${result.error.message}\n`);
    }
    if (result.status === 'interrupted') {
      process.stderr.write(
        `alignsim: interrupted after ${result.stepsCompleted} steps; they are recorded (continue with: alignsim run --resume ${result.runId} --db ${file})\n`,
      );
    }
    process.exitCode = stops.exitCodeFor(result.status);
  } finally {
    stops.dispose();
  }
}

async function resume(options: RunOptions & { resume: string }): Promise<void> {
  const db = openForWriting(options.db, { mustExist: true });
  try {
    const run = findRun(db, options.resume);
    const { world, params } = await reconstruct(run);
    guardMemory(world, params, options.maxMemory);
    await recordWithProgress({ file: options.db, db, world, steps: run.steps_requested, quiet: options.quiet === true }, (hooks) => resumeRun(db, run, hooks));
  } finally {
    db.close();
  }
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a world and record every step to SQLite, or continue an interrupted or crashed run')
    .argument('[world]', 'a built-in world name or a path to a .ts world module', DEFAULT_WORLD)
    .option('--seed <n>', 'the run seed (all randomness derives from it)', nonNegativeInteger('--seed'), 1)
    .option('--steps <n>', 'number of steps (default: the world\'s own)', positiveInteger('--steps'))
    .option('--db <file>', 'recording to write (created if missing)', DEFAULT_DB)
    .option('--set <key=value>', 'set a world parameter (repeatable)', collect, [])
    .option('--snapshot-every <n>', 'store a state snapshot every n steps (0: never)', nonNegativeInteger('--snapshot-every'), 100)
    .addOption(
      new Option('--resume <run>', 'continue this interrupted or crashed run of --db to its last step (its own world, parameters and seed)').conflicts([
        'seed',
        'steps',
        'set',
        'snapshotEvery',
      ]),
    )
    .option('--max-memory <size>', 'refuse a run estimated to need more memory than this (e.g. 4G); the machine\'s available memory is always a limit', parseSize)
    .option('--quiet', 'no progress bar')
    .action(async (worldRef: string, options: RunOptions, command: Command) => {
      if (options.resume !== undefined) {
        if (command.args.length > 0) throw new InputError(`--resume ${options.resume}: expected no world argument (the run's own world is used)`);
        return resume({ ...options, resume: options.resume });
      }
      const world = await loadWorld(worldRef);
      const params = parseAssignments(world, options.set);
      const steps = options.steps ?? defaultStepsOf(world, params);
      guardMemory(world, params, options.maxMemory);
      const initial = initialise(world, params, options.seed);
      const db = openForWriting(options.db);
      try {
        await recordWithProgress({ file: options.db, db, world, steps, quiet: options.quiet === true }, (hooks) =>
          recordRun({ ...hooks, db, world, worldRef, params, seed: options.seed, steps, snapshotEvery: options.snapshotEvery, initial }),
        );
      } finally {
        db.close();
      }
    });
}
