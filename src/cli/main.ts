import { Command, CommanderError } from 'commander';
import { InputError } from '../kernel/errors.ts';
import { ENGINE_VERSION } from '../record/version.ts';

/**
 * Each command's module, imported only when that command runs (or for the full help), so that a
 * command loads only what it uses: `alignsim --version` loads none.
 */
const COMMANDS: Record<string, () => Promise<(program: Command) => void>> = {
  worlds: async () => (await import('./commands/worlds.ts')).registerWorlds,
  run: async () => (await import('./commands/run.ts')).registerRun,
  runs: async () => (await import('./commands/runs.ts')).registerRuns,
  replay: async () => (await import('./commands/replay.ts')).registerReplay,
  measure: async () => (await import('./commands/measure.ts')).registerMeasure,
  compare: async () => (await import('./commands/compare.ts')).registerCompare,
  report: async () => (await import('./commands/report.ts')).registerReport,
  export: async () => (await import('./commands/export.ts')).registerExport,
  view: async () => (await import('./commands/view.ts')).registerView,
  sweep: async () => (await import('./commands/sweep.ts')).registerSweep,
  merge: async () => (await import('./commands/merge.ts')).registerMerge,
  migrate: async () => (await import('./commands/migrate.ts')).registerMigrate,
  init: async () => (await import('./commands/init.ts')).registerInit,
};

/** The commands to register for these arguments: the one named, none for the version alone, else all. */
function commandsFor(argv: readonly string[]): string[] {
  const args = argv.slice(2);
  const named = args.find((arg) => !arg.startsWith('-'));
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [named];
  if (named === undefined && (args.includes('--version') || args.includes('-V'))) return [];
  return Object.keys(COMMANDS);
}

async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('alignsim')
    .description('Simulate principals and the AI agents they delegate to; record misalignment, decisions and regret to SQLite.')
    .version(ENGINE_VERSION)
    .option('--debug', 'print stack traces of errors')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const name of commandsFor(argv)) (await COMMANDS[name]())(program);
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
  if (argv.length <= 2) {
    // No command is a mistake, not a request for help: say what there is, and fail.
    process.stderr.write((await buildProgram(argv)).helpInformation());
    return 1;
  }
  let program: Command | undefined;
  try {
    program = await buildProgram(argv);
    await program.parseAsync(argv as string[]);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    const debug = program?.opts().debug === true || argv.includes('--debug');
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
