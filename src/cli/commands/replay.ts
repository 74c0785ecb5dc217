import { Option, type Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { openForReading, openForWriting, type Recording } from '../../record/database.ts';
import { findRun, rowsAt, type RunRow } from '../../record/reader.ts';
import { replayCounterfactual } from '../../replay/counterfactual.ts';
import { reconstruct } from '../../replay/reconstruct.ts';
import { stepAtTime, stepOfEvent } from '../../replay/seek.ts';
import { verifyRun } from '../../replay/verify.ts';
import { compareGroups, labelRuns } from '../../report/compare.ts';
import { summariseRun } from '../../report/summary.ts';
import { collect, nonNegativeInteger, nonNegativeNumber, recordingArgument, recordingPath } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { formatNumber, formatTable } from '../table.ts';
import { StopSignals } from '../stop-signals.ts';
import { formatSummary, summaryJson } from './run.ts';

interface ReplayOptions {
  db?: string;
  json?: boolean;
  run?: string;
  verify?: boolean;
  step?: number;
  time?: number;
  event?: number;
  policy?: string;
  set: string[];
  quiet?: boolean;
  trustWorld?: boolean;
}

function printVerification(run: RunRow, result: Awaited<ReturnType<typeof verifyRun>>, json: boolean): number {
  if (json) {
    process.stdout.write(JSON.stringify({ runId: run.run_id, ...result }) + '\n');
    return result.identical ? 0 : 1;
  }
  const change = result.worldChange;
  const changed = change && `the world module '${change.file}' changed since the run (source hash ${change.recorded} then, ${change.current} now)`;
  if (result.identical) {
    process.stdout.write(`identical: ${result.steps} steps${changed ? `, although ${changed}` : ''}\n`);
    return 0;
  }
  if (changed) process.stdout.write(`different: ${changed}; the first difference:\n`);
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

function printStep(db: Recording, run: RunRow, t: number, json: boolean): void {
  if (t < 1 || t > run.steps_completed) {
    throw new InputError(`--step ${t}: expected a step from 1 to ${run.steps_completed} of run ${run.run_id}`);
  }
  if (json) {
    const rows = (table: 'events' | 'decisions' | 'metrics') => rowsAt(db, table, run.run_id, t);
    process.stdout.write(JSON.stringify({ runId: run.run_id, t, events: rows('events'), decisions: rows('decisions'), metrics: rows('metrics') }) + '\n');
    return;
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
function pairedOutcomes(db: Recording, parent: RunRow, child: RunRow) {
  const { groups } = compareGroups(db, [
    { label: 'parent', runs: [parent] },
    { label: 'counterfactual', runs: [child] },
  ]);
  return groups[0].outcomes.map((o, row) => {
    const [before, after] = [o.interval?.mean ?? null, groups[1].outcomes[row].interval?.mean ?? null];
    return { key: o.key, label: o.label, parent: before, counterfactual: after, difference: before === null || after === null ? null : after - before };
  });
}

function formatPairedOutcomes(parent: RunRow, child: RunRow, outcomes: ReturnType<typeof pairedOutcomes>): string {
  const [parentLabel, childLabel] = labelRuns([parent, child]);
  const rows = outcomes.map((o) => [o.label, formatNumber(o.parent), formatNumber(o.counterfactual), formatNumber(o.difference)]);
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
      trustWorldFile: options.trustWorld === true,
    });
    progress.finish();
    if (result.error instanceof InputError) throw result.error;
    const child = findRun(db, result.runId);
    const summary = summariseRun(db, child);
    const outcomes = pairedOutcomes(db, parent, child);
    if (options.json) {
      process.stdout.write(JSON.stringify({ ...summaryJson(summary, child, file), parentRunId: parent.run_id, outcomes }) + '\n');
    } else {
      process.stdout.write(formatSummary(summary, file));
      process.stdout.write(`\ncounterfactual of ${parent.run_id} (same seed ${parent.seed}, same exogenous draws)\n\n`);
      process.stdout.write(formatPairedOutcomes(parent, child, outcomes));
    }
    if (result.error) process.stderr.write(`alignsim: run failed at step ${result.stepsCompleted + 1}: ${result.error.message}\n`);
    process.exitCode = stops.exitCodeFor(result.status);
  } finally {
    stops.dispose();
    db.close();
  }
}

export function registerReplay(program: Command): void {
  recordingArgument(
    program.command('replay').description('verify a recorded run bit for bit, show one of its steps, or re-run it under another policy'),
    'the recording',
  )
    .option('--run <id>', 'the run (default: the most recent)')
    .addOption(new Option('--verify', 're-execute the run and compare every recorded row').conflicts(['step', 'policy', 'set']))
    .addOption(
      new Option('--step <t>', 'print the decisions, events and metrics of step t')
        .argParser(nonNegativeInteger('--step'))
        .conflicts(['policy', 'set']),
    )
    .addOption(
      new Option('--time <time>', 'print the step whose record covers this simulation time')
        .argParser(nonNegativeNumber('--time'))
        .conflicts(['step', 'event', 'policy', 'set', 'verify']),
    )
    .addOption(
      new Option('--event <n>', "print the step holding the run's n-th recorded event (from 1)")
        .argParser(nonNegativeInteger('--event'))
        .conflicts(['step', 'time', 'policy', 'set', 'verify']),
    )
    .option('--policy <name>', "re-run the episode with this delegation policy (the world's policy parameter), recorded with parent_run_id")
    .option('--set <key=value>', 're-run the episode with this parameter changed (repeatable)', collect, [])
    .option('--quiet', 'no progress bar')
    .option('--json', 'print the result as JSON (verification, step, or the counterfactual run with its paired outcomes)')
    .option('--trust-world', "run the run's world file (a world that is not built in) to verify or re-run it: it is code")
    .action(async (positional: string | undefined, options: ReplayOptions) => {
      const file = recordingPath(positional, options);
      if (options.policy !== undefined || options.set.length > 0) return replayWithChanges(file, options);
      const db = openForReading(file);
      try {
        const run = findRun(db, options.run);
        const json = options.json === true;
        if (options.step !== undefined) printStep(db, run, options.step, json);
        else if (options.time !== undefined) printStep(db, run, stepAtTime((await reconstruct(db, run, { trustWorldFile: options.trustWorld === true })).world, run, options.time), json);
        else if (options.event !== undefined) {
          const { t, seq } = stepOfEvent(db, run, options.event);
          if (!json) process.stdout.write(`event ${options.event} is seq ${seq} of step ${t}\n`);
          printStep(db, run, t, json);
        } else process.exitCode = printVerification(run, await verifyRun(db, run, { trustWorldFile: options.trustWorld === true }), json);
      } finally {
        db.close();
      }
    });
}
