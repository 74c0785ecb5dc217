import type { Command } from 'commander';
import { InputError } from '../../kernel/errors.ts';
import { openForReading, type Recording } from '../../record/database.ts';
import { findRun, rowsAt, type RunRow } from '../../record/reader.ts';
import { verifyRun } from '../../replay/verify.ts';
import { nonNegativeInteger } from '../options.ts';
import { formatTable } from '../table.ts';

interface ReplayOptions {
  run?: string;
  verify?: boolean;
  step?: number;
}

function printVerification(result: Awaited<ReturnType<typeof verifyRun>>): number {
  if (result.identical) {
    process.stdout.write(`identical: ${result.steps} steps\n`);
    return 0;
  }
  process.stdout.write(
    `different: table ${result.table}, step ${result.t}, row ${result.row}, column ${result.column}: ` +
      `recorded ${JSON.stringify(result.recorded)}, re-computed ${JSON.stringify(result.recomputed)}\n`,
  );
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

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('verify a recorded run bit for bit, or show one of its steps')
    .argument('<file>', 'the recording')
    .option('--run <id>', 'the run (default: the most recent)')
    .option('--verify', 're-execute the run and compare every recorded row')
    .option('--step <t>', 'print the decisions, events and metrics of step t', nonNegativeInteger('--step'))
    .action(async (file: string, options: ReplayOptions) => {
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
