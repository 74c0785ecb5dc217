import { Command, CommanderError } from 'commander';
import { InputError } from '../kernel/errors.ts';
import { ENGINE_VERSION } from '../record/version.ts';
import { registerCompare } from './commands/compare.ts';
import { registerExport } from './commands/export.ts';
import { registerMeasure } from './commands/measure.ts';
import { registerMerge } from './commands/merge.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerReplay } from './commands/replay.ts';
import { registerReport } from './commands/report.ts';
import { registerRun } from './commands/run.ts';
import { registerRuns } from './commands/runs.ts';
import { registerSweep } from './commands/sweep.ts';
import { registerView } from './commands/view.ts';
import { registerWorlds } from './commands/worlds.ts';

function buildProgram(): Command {
  const program = new Command('alignsim')
    .description('Simulate principals and the AI agents they delegate to; record misalignment, decisions and regret to SQLite.')
    .version(ENGINE_VERSION)
    .option('--debug', 'print stack traces of errors')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerWorlds(program);
  registerRun(program);
  registerRuns(program);
  registerReplay(program);
  registerMeasure(program);
  registerCompare(program);
  registerReport(program);
  registerExport(program);
  registerView(program);
  registerSweep(program);
  registerMerge(program);
  registerMigrate(program);
  return program;
}

/** File-system errors on a path the user gave (an --out or a recording): bad input, not a bug. */
const USER_PATH_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory: expected an existing folder',
  EACCES: 'permission denied: expected a path you may write',
  EPERM: 'operation not permitted: expected a path you may write',
  EISDIR: 'is a directory: expected a file path',
  ENOTDIR: 'a part of the path is not a directory: expected a folder path',
  EROFS: 'read-only file system: expected a writable path',
};

/** Runs the command line and returns the exit code: 0 success, 1 a failed check, 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  if (argv.length <= 2) {
    // No command is a mistake, not a request for help: say what there is, and fail.
    process.stderr.write(program.helpInformation());
    return 1;
  }
  try {
    await program.parseAsync(argv as string[]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    const debug = program.opts().debug === true || argv.includes('--debug');
    if (error instanceof InputError) {
      process.stderr.write(`alignsim: ${error.message}\n`);
      if (debug) process.stderr.write(`${error.stack}\n`);
      return 2;
    }
    const io = error as NodeJS.ErrnoException;
    if (io.code !== undefined && io.path !== undefined && USER_PATH_ERRORS[io.code]) {
      process.stderr.write(`alignsim: cannot ${io.syscall ?? 'use'} '${io.path}': ${USER_PATH_ERRORS[io.code]}\n`);
      return 2;
    }
    const err = error as Error;
    process.stderr.write(`alignsim: internal error: ${err.message}\n${debug ? `${err.stack}\n` : '(run again with --debug for the stack trace)\n'}`);
    return 1;
  }
}
