import type { Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { loadWorld } from '../../kernel/registry.ts';
import { openForReading, openForWriting, type Recording } from '../../record/database.ts';
import { findRun } from '../../record/reader.ts';
import { compareGroups, groupRuns, type Comparison, type OutcomeSummary, type RunGroup } from '../../report/compare.ts';
import { writeComparisonReport } from '../../report/compare-report.ts';
import { PRE_SHIFT_WINDOW } from '../../report/delegation.ts';
import { recordPolicyRuns } from '../../report/policy-runs.ts';
import { collect, positiveInteger, recordingArgument, recordingPath } from '../options.ts';
import { ProgressBar } from '../progress.ts';
import { formatNumber, formatTable } from '../table.ts';
import { StopSignals } from '../stop-signals.ts';
import { DEFAULT_WORLD } from './run.ts';

interface CompareOptions {
  db?: string;
  out?: string;
  runs?: string;
  policies?: string[];
  world: string;
  seeds: number;
  steps?: number;
  set: string[];
  baseline?: string;
  json?: boolean;
  quiet?: boolean;
}

function list(flag: string) {
  return (text: string): string[] => {
    const items = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (items.length === 0) throw new InputError(`${flag} '${text}': expected a comma-separated list`);
    return items;
  };
}

/** `mean ± half-width`, with `(n/N)` when only n of the N runs have a value. */
function formatInterval(summary: OutcomeSummary): string {
  const { interval, of } = summary;
  if (interval === null) return '-';
  const text = interval.halfWidth === null ? formatNumber(interval.mean) : `${formatNumber(interval.mean)} ± ${formatNumber(interval.halfWidth)}`;
  return interval.n < of ? `${text} (${interval.n}/${of})` : text;
}

const isDetection = (o: OutcomeSummary): boolean => o.key.startsWith('detect ');

export function formatComparison(comparison: Comparison): string {
  const table = (columns: readonly { label: string; outcomes: readonly OutcomeSummary[] }[], header: (label: string) => string, rows: (o: OutcomeSummary) => boolean): string =>
    formatTable([
      ['', ...columns.map((c) => header(c.label))],
      ...columns[0].outcomes.flatMap((o, row) => (rows(o) ? [[o.label, ...columns.map((c) => formatInterval(c.outcomes[row]))]] : [])),
    ]);
  const outcomes = (o: OutcomeSummary): boolean => !isDetection(o);
  const seeds = Math.max(...comparison.groups.map((g) => g.runIds.length));
  let text = `mean ± 95% CI (Student t) over ${seeds} seed${seeds === 1 ? '' : 's'}\n\n` + table(comparison.groups, (label) => label, outcomes);
  if (comparison.differences.length > 0) {
    text += `\npaired differences vs ${comparison.baseline} (same seeds), mean ± 95% CI\n\n`;
    text += table(comparison.differences, (label) => `${label} − ${comparison.baseline}`, outcomes);
  }
  if (comparison.groups[0].outcomes.some(isDetection)) {
    text += `\nsteps to detect each shift: after the shift, the first step from which the agent's delegation share stays below half its mean over the ${PRE_SHIFT_WINDOW} steps before; (n/N): detected in n of N seeds\n\n`;
    text += table(comparison.groups, (label) => label, isDetection);
  }
  return text;
}

async function policyGroups(db: Recording, options: CompareOptions, policies: string[]): Promise<RunGroup[]> {
  const world = await loadWorld(options.world);
  const steps = options.steps ?? world.defaultSteps;
  const progress = new ProgressBar(policies.length * options.seeds, 'runs', options.quiet === true);
  const stops = new StopSignals();
  try {
    const { groups, interrupted } = await recordPolicyRuns({
      db,
      world,
      worldRef: options.world,
      policies,
      seeds: options.seeds,
      steps,
      assignments: options.set,
      signal: stops.signal,
      onRun: (done) => progress.update(done),
    });
    progress.finish();
    if (interrupted) {
      if (interrupted.error instanceof InputError) throw interrupted.error;
      process.stderr.write(`alignsim: compare stopped: run ${interrupted.runId} ${interrupted.status}${interrupted.error ? `: ${interrupted.error.message}` : ''}\n`);
      process.exitCode = stops.exitCodeFor(interrupted.status);
      return [];
    }
    return groups;
  } finally {
    stops.dispose();
  }
}

export function registerCompare(program: Command): void {
  recordingArgument(
    program.command('compare').description('compare delegation policies over the same seeds: regret, welfare, delegation shares, with 95% CIs'),
    'the recording to read runs from and record new runs into',
  )
    .option('--runs <ids>', 'compare these recorded runs (comma-separated), grouped by the parameters that differ')
    .option('--policies <names>', 'run these policies (comma-separated) over seeds 1..N', list('--policies'))
    .option('--world <world>', 'world for --policies: a built-in name or a path', DEFAULT_WORLD)
    .option('--seeds <n>', 'number of seeds for --policies', positiveInteger('--seeds'), 10)
    .option('--steps <n>', "steps per run (default: the world's own)", positiveInteger('--steps'))
    .option('--set <key=value>', 'set a world parameter for every policy (repeatable)', collect, [])
    .option('--baseline <label>', 'the policy the others are paired against (default: the first)')
    .option('--json', 'print the comparison as JSON')
    .option('--out <dir>', 'also write report.md and charts over time (mean and 95% band per policy, paired differences) into DIR')
    .option('--quiet', 'no progress bar')
    .action(async (positional: string | undefined, options: CompareOptions) => {
      const file = recordingPath(positional, options);
      const policies = options.policies;
      if ((options.runs === undefined) === (policies === undefined)) throw new InputError('compare: expected either --runs A,B,… or --policies p1,p2,…');
      if (options.baseline !== undefined && policies && !policies.includes(options.baseline)) {
        throw new InputError(`--baseline ${options.baseline}: expected one of the compared policies, ${policies.join(', ')}`);
      }
      const db = policies ? openForWriting(file) : openForReading(file);
      try {
        const groups = policies
          ? await policyGroups(db, options, policies)
          : groupRuns(list('--runs')(options.runs!).map((id) => findRun(db, id)));
        if (groups.length === 0) return;
        const comparison = compareGroups(db, groups, options.baseline);
        const text = formatComparison(comparison);
        process.stdout.write(options.json ? JSON.stringify(comparison, null, 2) + '\n' : text);
        if (options.out !== undefined) {
          const written = writeComparisonReport(db, groups, comparison, text, options.out);
          process.stderr.write(`${written.length - 1} charts and report.md written to ${options.out}\n`);
        }
      } finally {
        db.close();
      }
    });
}
