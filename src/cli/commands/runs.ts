import type { Command } from 'commander';
import { openForReading } from '../../record/database.ts';
import { listRuns } from '../../record/reader.ts';
import { differingParameters, formatAssignment } from '../../report/compare.ts';
import { formatTable } from '../table.ts';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description("list a recording's runs: id, world, seed, status (crashed when its process died), steps, the parameters that differ")
    .argument('<file>', 'the recording')
    .option('--json', 'print the runs as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const db = openForReading(file);
      try {
        const runs = listRuns(db);
        const differing = differingParameters(runs);
        if (options.json) {
          const rows = runs.map((run, i) => ({
            run: run.run_id,
            world: run.world,
            seed: run.seed,
            status: run.status,
            steps: run.steps_completed,
            stepsRequested: run.steps_requested,
            parent: run.parent_run_id,
            parameters: differing[i],
          }));
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        const rows = runs.map((run, i) => [
          run.run_id,
          run.world,
          String(run.seed),
          run.status,
          `${run.steps_completed}/${run.steps_requested}`,
          Object.entries(differing[i]).map(([key, value]) => formatAssignment(key, value)).join(', '),
        ]);
        process.stdout.write(formatTable([['run', 'world', 'seed', 'status', 'steps', 'parameters that differ'], ...rows]));
      } finally {
        db.close();
      }
    });
}
