import type { Command } from 'commander';
import { openForReading } from '../../record/database.ts';
import { startViewServer } from '../../report/view-server.ts';
import { nonNegativeInteger } from '../options.ts';

export const DEFAULT_VIEW_PORT = 8737;

export function registerView(program: Command): void {
  program
    .command('view')
    .description('browse a recording in a local web page (127.0.0.1 only): time series, a step slider, two runs overlaid')
    .argument('<file>', 'the recording (opened read-only)')
    .option('--port <n>', 'port to listen on (0: any free port)', nonNegativeInteger('--port'), DEFAULT_VIEW_PORT)
    .action(async (file: string, options: { port: number }) => {
      const db = openForReading(file);
      try {
        const server = await startViewServer(db, options.port);
        process.stdout.write(`alignsim view: ${server.url}  (open it in a browser; Ctrl-C stops)\n`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', () => resolve());
          process.once('SIGTERM', () => resolve());
        });
        await server.close();
      } finally {
        db.close();
      }
    });
}
