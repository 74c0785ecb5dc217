import type { Command } from 'commander';
import { openForReading } from '../../record/database.ts';
import { startViewServer } from '../../report/view-server.ts';
import { portNumber } from '../options.ts';
import { StopSignals } from '../stop-signals.ts';

export const DEFAULT_VIEW_PORT = 8737;

export function registerView(program: Command): void {
  program
    .command('view')
    .description('browse a recording in a local web page (127.0.0.1 only): time series, a step slider, two runs overlaid')
    .argument('<file>', 'the recording (opened read-only)')
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber('--port'), DEFAULT_VIEW_PORT)
    .action(async (file: string, options: { port: number }) => {
      const db = openForReading(file);
      try {
        const server = await startViewServer(db, options.port);
        process.stdout.write(`alignsim view: ${server.url}  (open it in a browser; Ctrl-C stops)\n`);
        const stops = new StopSignals();
        await new Promise<void>((resolve) => stops.signal.addEventListener('abort', () => resolve(), { once: true }));
        stops.dispose();
        await server.close();
      } finally {
        db.close();
      }
    });
}
