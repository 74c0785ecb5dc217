import type { Command } from 'commander';
import { openForReading } from '../../record/database.ts';
import { startViewServer } from '../../report/view-server.ts';
import { portNumber, recordingArgument, recordingPath } from '../options.ts';
import { StopSignals } from '../stop-signals.ts';

export const DEFAULT_VIEW_PORT = 8737;

/** Resolves at Ctrl-C or a termination signal (SIGTERM, SIGHUP). */
export async function untilStopped(): Promise<void> {
  const stops = new StopSignals();
  await new Promise<void>((resolve) => stops.signal.addEventListener('abort', () => resolve(), { once: true }));
  stops.dispose();
}

export function registerView(program: Command): void {
  recordingArgument(
    program
      .command('view')
      .description('browse a recording in a local web page (127.0.0.1 only): time series, a step slider, two runs overlaid; live while a run writes it'),
    'the recording (opened read-only)',
  )
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber('--port'), DEFAULT_VIEW_PORT)
    .action(async (positional: string | undefined, options: { port: number; db?: string }) => {
      const db = openForReading(recordingPath(positional, options));
      try {
        const server = await startViewServer(db, options.port);
        process.stdout.write(`alignsim view: ${server.url}  (open it in a browser; Ctrl-C stops)\n`);
        await untilStopped();
        await server.close();
      } finally {
        db.close();
      }
    });
}
