import { Option, type Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { openForReading, openForWriting, type Recording } from '../../record/database.ts';
import { findRun, rowsAt, type RunRow } from '../../record/reader.ts';
import { replayCounterfactual } from '../../replay/counterfactual.ts';
import { verifyRun } from '../../replay/verify.ts';
import { compareGroups, labelRuns } from '../../report/compare.ts';
import { summariseRun } from '../../report/summary.ts';
import { collect, nonNegativeInteger } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { formatNumber, formatTable } from '../table.ts';
import { StopSignals } from '../stop-signals.ts';
import { formatSummary } from './run.ts';

interface ReplayOptions {
  run?: string;
  verify?: boolean;
  step?: number;
  policy?: string;
  set: string[];
  quiet?: boolean;
}

function printVerification(result: Awaited<ReturnType<typeof verifyRun>>): number {
  if (result.identical) {
    process.stdout.write(`identical: ${result.steps} steps\n`);
    return 0;
  }
  const where = `different: table ${result.table}, step ${result.t}, row ${result.row}`;
  const what =
    result.kind === 'inserted'
      ? 'recorded, but the run does not compute it (an inserted row)'
      : result.kind === 'deleted'
        ? 'computed by the run, but not recorded (a deleted row)'
        : `column ${result.column}: recorded ${JSON.stringify(result.recorded)}, re-computed ${JSON.stringify(result.recomputed)}`;
  process.stdout.write(`${where}, ${what}\n`);
  return 1;
}

function printStep(db: Recording, run: RunRow, t: number): void {
  if (t < 1 || t > run.steps_completed) {
    throw new InputError(`--step ${t}: expected a step from 1 to ${run.steps_completed} of run ${run.run_id}`);
  }
  process.stdout.write(`run ${run.run_id} (${run.world}, seed ${run.seed}), step ${t} of ${run.steps_completed}\n\n`);
  const sections: [string, Record<string, unknown>[]][] = [
    ['events', rowsAt(db, 'events', run.run_id, t)],
    ['decisions', rowsAt(db, 'decisions', run.run_id, t)],
    ['metrics', rowsAt(db, 'metrics', run.run_id, t)],
  ];
  for (const [title, rows] of sections) {
    process.stdout.write(`${title} (${rows.length})\n`);
    if (rows.length === 0) continue;
    const columns = Object.keys(rows[0]).filter((c) => c !== 't');
    const text = rows.map((row) => columns.map((c) => (row[c] === null ? '-' : String(row[c]))));
    process.stdout.write(formatTable([columns, ...text]) + '\n');
  }
}

/** Each outcome of the parent and the counterfactual run and their difference (paired: same seed, same problems). */
function formatPairedDifferences(db: Recording, parent: RunRow, child: RunRow): string {
  const [parentLabel, childLabel] = labelRuns([parent, child]);
  const { groups } = compareGroups(db, [
    { label: 'parent', runs: [parent] },
    { label: 'counterfactual', runs: [child] },
  ]);
  const value = (group: number, row: number): number | null => groups[group].outcomes[row].interval?.mean ?? null;
  const rows = groups[0].outcomes.map((o, row) => {
    const [before, after] = [value(0, row), value(1, row)];
    return [o.label, formatNumber(before), formatNumber(after), before === null || after === null ? '-' : formatNumber(after - before)];
  });
  return formatTable([['', `parent (${parentLabel})`, `counterfactual (${childLabel})`, 'difference'], ...rows]);
}

async function replayWithChanges(file: string, options: ReplayOptions): Promise<void> {
  const db = openForWriting(file, { mustExist: true });
  const stops = new StopSignals();
  try {
    const parent = findRun(db, options.run);
    const progress = new ProgressBar(parent.steps_completed, 'steps', options.quiet === true);
    const result = await replayCounterfactual(db, parent, {
      policy: options.policy,
      assignments: options.set,
      signal: stops.signal,
      onStep: (record) => progress.update(record.t),
    });
    progress.finish();
    if (result.error instanceof InputError) throw result.error;
    const child = findRun(db, result.runId);
    process.stdout.write(formatSummary(summariseRun(db, child), file));
    process.stdout.write(`\ncounterfactual of ${parent.run_id} (same seed ${parent.seed}, same exogenous draws)\n\n`);
    process.stdout.write(formatPairedDifferences(db, parent, child));
    if (result.error) process.stderr.write(`alignsim: run failed at step ${result.stepsCompleted + 1}: ${result.error.message}\n`);
    process.exitCode = stops.exitCodeFor(result.status);
  } finally {
    stops.dispose();
    db.close();
  }
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('verify a recorded run bit for bit, show one of its steps, or re-run it under another policy')
    .argument('<file>', 'the recording')
    .option('--run <id>', 'the run (default: the most recent)')
    .addOption(new Option('--verify', 're-execute the run and compare every recorded row').conflicts(['step', 'policy', 'set']))
    .addOption(
      new Option('--step <t>', 'print the decisions, events and metrics of step t')
        .argParser(nonNegativeInteger('--step'))
        .conflicts(['policy', 'set']),
    )
    .option('--policy <name>', "re-run the episode with this delegation policy (the world's policy parameter), recorded with parent_run_id")
    .option('--set <key=value>', 're-run the episode with this parameter changed (repeatable)', collect, [])
    .option('--quiet', 'no progress bar')
    .action(async (file: string, options: ReplayOptions) => {
      if (options.policy !== undefined || options.set.length > 0) return replayWithChanges(file, options);
      const db = openForReading(file);
      try {
        const run = findRun(db, options.run);
        if (options.step !== undefined) printStep(db, run, options.step);
        else process.exitCode = printVerification(await verifyRun(db, run));
      } finally {
        db.close();
      }
    });
}
