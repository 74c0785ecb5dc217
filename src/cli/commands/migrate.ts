import type { Command } from 'commander';
import { migrateRecording } from '../../record/database.ts';
import { SCHEMA_VERSION } from '../../record/schema.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('upgrade a recording to the current schema in one transaction (reading needs no upgrade; writing does)')
    .argument('<file>', 'the recording')
    .action((file: string) => {
      const from = migrateRecording(file);
      process.stdout.write(
        from === SCHEMA_VERSION
          ? `${file} already has schema version ${SCHEMA_VERSION}\n`
          : `migrated ${file} from schema version ${from} to ${SCHEMA_VERSION}\n`,
      );
    });
}
