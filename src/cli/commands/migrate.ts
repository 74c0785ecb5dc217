import type { Command } from 'commander';
import { migrateRecording } from '../../record/database.ts';
import { SCHEMA_VERSION } from '../../record/schema.ts';
import { recordingArgument, recordingPath } from '../options.ts';

export function registerMigrate(program: Command): void {
  recordingArgument(
    program.command('migrate').description('upgrade a recording to the current schema in one transaction (reading needs no upgrade; writing does)'),
    'the recording to upgrade',
  ).action((argument: string | undefined, options: { db?: string }) => {
    const file = recordingPath(argument, options);
    const from = migrateRecording(file);
    process.stdout.write(
      from === SCHEMA_VERSION ? `${file} already has schema version ${SCHEMA_VERSION}\n` : `migrated ${file} from schema version ${from} to ${SCHEMA_VERSION}\n`,
    );
  });
}
