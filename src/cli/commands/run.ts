import type { Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { parseAssignments } from '../../kernel/params.ts';
import { loadWorld } from '../../kernel/registry.ts';
import { defaultStepsOf, stepsUntil } from '../../kernel/world.ts';
import { initialise } from '../../kernel/simulate.ts';
import { openForReading, openForWriting } from '../../record/database.ts';
import { findRun, type RunRow } from '../../record/reader.ts';
import { recordRun } from '../../record/record-run.ts';
import { ThreadStepWriter } from '../../record/step-writer.ts';
import { summariseRun, type RunSummary, type StepTable } from '../../report/summary.ts';
import { startViewServer } from '../../report/view-server.ts';
import { collect, DEFAULT_DB, nonNegativeInteger, positiveInteger, positiveNumber } from '../options.ts';
import { ProgressBar } from '../progress.ts';
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

/** Exit code for a run that stopped: 130 for an interrupt (as a shell reports SIGINT), 1 for a failure. */
export function exitCodeFor(status: string): number {
  return status === 'interrupted' ? 130 : status === 'failed' ? 1 : 0;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a world and record every step to SQLite')
    .argument('[world]', 'a built-in world name or a path to a .ts world module', DEFAULT_WORLD)
    .option('--seed <n>', 'the run seed (all randomness derives from it)', nonNegativeInteger('--seed'), 1)
    .option('--steps <n>', 'number of steps (default: the world\'s own)', positiveInteger('--steps'))
    .option('--until <time>', 'stop at this simulation time (with --steps: whichever comes first)', positiveNumber('--until'))
    .option('--db <file>', 'recording to write (created if missing)', DEFAULT_DB)
    .option('--set <key=value>', 'set a world parameter (repeatable)', collect, [])
    .option('--snapshot-every <n>', 'store a state snapshot every n steps (0: never)', nonNegativeInteger('--snapshot-every'), 100)
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the summary as JSON (runId, file, world, seed, params, status, steps, finalMetrics, worldMetrics, delegation, perStep)')
    .option('--view [port]', `serve the live viewer while the run records, and after it until Ctrl-C (port default ${DEFAULT_VIEW_PORT}, 0: any free)`, nonNegativeInteger('--view'))
    .action(async (worldRef: string, options: RunOptions) => {
      const world = await loadWorld(worldRef);
      const params = parseAssignments(world, options.set);
      const steps =
        options.until === undefined
          ? (options.steps ?? defaultStepsOf(world, params))
          : Math.min(options.steps ?? Infinity, stepsUntil(world, options.until));
      const initial = initialise(world, params, options.seed);
      const db = openForWriting(options.db);
      const viewer = options.view === undefined ? null : await serveLive(options.db, options.view === true ? DEFAULT_VIEW_PORT : options.view);
      const progress = new ProgressBar(steps, 'steps', options.quiet === true);
      const controller = new AbortController();
      const onSignal = (): void => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const result = await recordRun({
          db,
          world,
          worldRef,
          params,
          seed: options.seed,
          steps,
          snapshotEvery: options.snapshotEvery,
          signal: controller.signal,
          onStep: (record) => progress.update(record.t),
          writer: (runId) => new ThreadStepWriter(options.db, runId),
          initial,
        });
        progress.finish();
        const run = findRun(db, result.runId);
        const summary = summariseRun(db, run, world.summarySeries, world.summaryMetrics);
        process.stdout.write(options.json ? JSON.stringify(summaryJson(summary, run, options.db)) + '\n' : formatSummary(summary, options.db));
        if (result.error) {
          if (result.error instanceof InputError) throw result.error;
          process.stderr.write(`alignsim: run failed at step ${result.stepsCompleted + 1}: ${result.error.message}\n`);
        }
        if (result.status === 'interrupted') process.stderr.write(`alignsim: interrupted after ${result.stepsCompleted} steps; they are recorded\n`);
        process.exitCode = exitCodeFor(result.status);
        if (viewer && result.status === 'completed') {
          process.stderr.write(`alignsim: the run is recorded; the viewer stays at ${viewer.url} until Ctrl-C\n`);
          process.off('SIGINT', onSignal);
          await untilStopped();
        }
      } finally {
        process.off('SIGINT', onSignal);
        await viewer?.close();
        db.close();
      }
    });
}
