import type { Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { parseAssignments } from '../../kernel/params.ts';
import { loadWorld } from '../../kernel/registry.ts';
import { defaultStepsOf } from '../../kernel/world.ts';
import { initialise } from '../../kernel/simulate.ts';
import { openForWriting } from '../../record/database.ts';
import { findRun } from '../../record/reader.ts';
import { recordRun } from '../../record/record-run.ts';
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
  quiet?: boolean;
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

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a world and record every step to SQLite')
    .argument('[world]', 'a built-in world name or a path to a .ts world module', DEFAULT_WORLD)
    .option('--seed <n>', 'the run seed (all randomness derives from it)', nonNegativeInteger('--seed'), 1)
    .option('--steps <n>', 'number of steps (default: the world\'s own)', positiveInteger('--steps'))
    .option('--db <file>', 'recording to write (created if missing)', DEFAULT_DB)
    .option('--set <key=value>', 'set a world parameter (repeatable)', collect, [])
    .option('--snapshot-every <n>', 'store a state snapshot every n steps (0: never)', nonNegativeInteger('--snapshot-every'), 100)
    .option('--quiet', 'no progress bar')
    .action(async (worldRef: string, options: RunOptions) => {
      const world = await loadWorld(worldRef);
      const params = parseAssignments(world, options.set);
      const steps = options.steps ?? defaultStepsOf(world, params);
      const initial = initialise(world, params, options.seed);
      const db = openForWriting(options.db);
      const progress = new ProgressBar(steps, 'steps', options.quiet === true);
      const stops = new StopSignals();
      try {
        const result = await recordRun({
          db,
          world,
          worldRef,
          params,
          seed: options.seed,
          steps,
          snapshotEvery: options.snapshotEvery,
          signal: stops.signal,
          onStep: (record) => progress.update(record.t),
          writer: (runId) => new ThreadStepWriter(options.db, runId),
          initial,
        });
        progress.finish();
        process.stdout.write(formatSummary(summariseRun(db, findRun(db, result.runId), world.summarySeries, world.summaryMetrics), options.db));
        if (result.error) {
          if (result.error instanceof InputError) throw result.error;
          process.stderr.write(`alignsim: run failed at step ${result.stepsCompleted + 1}: ${result.error.message}\n`);
        }
        if (result.status === 'interrupted') process.stderr.write(`alignsim: interrupted after ${result.stepsCompleted} steps; they are recorded\n`);
        process.exitCode = stops.exitCodeFor(result.status);
      } finally {
        stops.dispose();
        db.close();
      }
    });
}
