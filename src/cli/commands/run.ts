import { Option, type Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { availableMemory, checkMemory, formatBytes, LARGE_BYTES, parseSize } from '../../kernel/memory.ts';
import { parseAssignments } from '../../kernel/params.ts';
import { loadWorld } from '../../kernel/registry.ts';
import { defaultStepsOf, stepsUntil, type AnyWorld } from '../../kernel/world.ts';
import { initialise } from '../../kernel/simulate.ts';
import { openForReading, openForWriting, type Recording } from '../../record/database.ts';
import { DEFAULT_DETAIL, DETAIL_LEVELS, type DetailLevel } from '../../record/detail.ts';
import { findRun, type RunRow } from '../../record/reader.ts';
import { recordRun, type RecordedRun, type RecordHooks } from '../../record/record-run.ts';
import { reconstruct } from '../../replay/reconstruct.ts';
import { resumeRun } from '../../replay/resume.ts';
import { ThreadStepWriter } from '../../record/step-writer.ts';
import { summariseRun, type RunSummary, type StepTable } from '../../report/summary.ts';
import { startViewServer } from '../../report/view-server.ts';
import { collect, DEFAULT_DB, nonNegativeInteger, oneOf, portNumber, positiveInteger, positiveNumber } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { StopSignals } from '../stop-signals.ts';
import { formatNumber, formatTable } from '../table.ts';
import { DEFAULT_VIEW_PORT, untilStopped } from './view.ts';

export const DEFAULT_WORLD = 'assistants';

interface RunOptions {
  seed: number;
  steps?: number;
  until?: number;
  db: string;
  set: string[];
  snapshotEvery: number;
  resume?: string;
  maxMemory?: number;
  trustWorld?: boolean;
  detail: DetailLevel;
  quiet?: boolean;
  json?: boolean;
  /** true: the default port; a number: that port. */
  view?: true | number;
}

/** `run --json`: the summary, with the run's id, world, seed and parameters and the file it is in. */
export function summaryJson(summary: RunSummary, run: RunRow, file: string): Record<string, unknown> {
  const { runId, world, ...rest } = summary;
  return { runId, file, world, seed: run.seed, params: JSON.parse(run.params_json) as unknown, ...rest };
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

/** Serves the viewer on a read-only connection to the recording the run is writing. */
async function serveLive(file: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const reader = openForReading(file);
  try {
    const server = await startViewServer(reader, port);
    process.stderr.write(`alignsim view: ${server.url}  (live: new steps appear as they are recorded)\n`);
    return { url: server.url, close: () => server.close().finally(() => reader.close()) };
  } catch (error) {
    reader.close();
    throw error;
  }
}

interface Recordable {
  readonly file: string;
  readonly db: Recording;
  readonly world: AnyWorld;
  readonly steps: number;
  readonly options: RunOptions;
}

/**
 * Records a run (new or resumed) with a progress bar, stop signals and the live viewer if asked
 * for, then prints its summary and sets the exit code.
 */
async function recordWithProgress({ file, db, world, steps, options }: Recordable, start: (hooks: RecordHooks) => Promise<RecordedRun>): Promise<void> {
  const viewer = options.view === undefined ? null : await serveLive(file, options.view === true ? DEFAULT_VIEW_PORT : options.view);
  const progress = new ProgressBar(steps, 'steps', options.quiet === true);
  const stops = new StopSignals();
  try {
    const result = await start({
      signal: stops.signal,
      onStep: (record) => progress.update(record.t),
      writer: (runId, after) => new ThreadStepWriter(file, runId, after),
    });
    progress.finish();
    const run = findRun(db, result.runId);
    const summary = summariseRun(db, run, world.summarySeries, world.summaryMetrics);
    process.stdout.write(options.json ? JSON.stringify(summaryJson(summary, run, file)) + '\n' : formatSummary(summary, file));
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
    if (viewer && result.status === 'completed') {
      process.stderr.write(`alignsim: the run is recorded; the viewer stays at ${viewer.url} until Ctrl-C\n`);
      stops.dispose();
      await untilStopped();
    }
  } finally {
    stops.dispose();
    await viewer?.close();
  }
}

async function resume(options: RunOptions & { resume: string }): Promise<void> {
  const db = openForWriting(options.db, { mustExist: true });
  try {
    const run = findRun(db, options.resume);
    const trust = { trustWorldFile: options.trustWorld === true };
    const { world, params } = await reconstruct(db, run, trust);
    guardMemory(world, params, options.maxMemory);
    await recordWithProgress({ file: options.db, db, world, steps: run.steps_requested, options }, (hooks) => resumeRun(db, run, trust, hooks));
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
    .option('--until <time>', 'stop at this simulation time (with --steps: whichever comes first)', positiveNumber('--until'))
    .option('--db <file>', 'recording to write (created if missing)', DEFAULT_DB)
    .option('--set <key=value>', 'set a world parameter (repeatable)', collect, [])
    .option('--snapshot-every <n>', 'store a state snapshot every n steps (0: never)', nonNegativeInteger('--snapshot-every'), 100)
    .option(
      '--detail <level>',
      "each decision's detail to keep: full (the policy's reasons too), summary (area and expected reward), none",
      oneOf('--detail', DETAIL_LEVELS),
      DEFAULT_DETAIL,
    )
    .addOption(
      new Option('--resume <run>', 'continue this interrupted or crashed run of --db to its last step (its own world, parameters and seed)').conflicts([
        'seed',
        'steps',
        'until',
        'set',
        'snapshotEvery',
        'detail',
      ]),
    )
    .option('--max-memory <size>', 'refuse a run estimated to need more memory than this (e.g. 4G); the machine\'s available memory is always a limit', parseSize)
    .option('--trust-world', "with --resume: run the run's world file (a world that is not built in): it is code")
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the summary as JSON (runId, file, world, seed, params, status, steps, finalMetrics, worldMetrics, delegation, perStep)')
    .option('--view [port]', `serve the live viewer while the run records, and after it until Ctrl-C (port default ${DEFAULT_VIEW_PORT}, 0: any free)`, portNumber('--view'))
    .action(async (worldRef: string, options: RunOptions, command: Command) => {
      if (options.resume !== undefined) {
        if (command.args.length > 0) throw new InputError(`--resume ${options.resume}: expected no world argument (the run's own world is used)`);
        return resume({ ...options, resume: options.resume });
      }
      const world = await loadWorld(worldRef);
      const params = parseAssignments(world, options.set);
      const steps =
        options.until === undefined
          ? (options.steps ?? defaultStepsOf(world, params))
          : Math.min(options.steps ?? Infinity, stepsUntil(world, options.until));
      guardMemory(world, params, options.maxMemory);
      const initial = initialise(world, params, options.seed);
      const db = openForWriting(options.db);
      try {
        await recordWithProgress({ file: options.db, db, world, steps, options }, (hooks) =>
          recordRun({ ...hooks, db, world, worldRef, params, seed: options.seed, steps, snapshotEvery: options.snapshotEvery, detail: options.detail, initial }),
        );
      } finally {
        db.close();
      }
    });
}
