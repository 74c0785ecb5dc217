import type { Command } from 'commander';
import { parseDecimal } from '../kernel/decimal.ts';
import { InputError } from '../kernel/errors.ts';

/** A Commander argument parser that turns a number it does not accept into a one-line input error. */
function numberParser(flag: string, accepts: (value: number) => boolean, expected: string) {
  return (text: string): number => {
    const value = parseDecimal(text);
    if (!accepts(value)) throw new InputError(`${flag} ${text}: expected ${expected}`);
    return value;
  };
}

export const positiveInteger = (flag: string) => numberParser(flag, (v) => Number.isSafeInteger(v) && v > 0, 'a positive integer');

export const nonNegativeInteger = (flag: string) => numberParser(flag, (v) => Number.isSafeInteger(v) && v >= 0, 'a non-negative integer');

/** A TCP port: 0 (any free port) to 65535. */
export const portNumber = (flag: string) => numberParser(flag, (v) => Number.isSafeInteger(v) && v >= 0 && v <= 65535, 'a port from 0 to 65535');

export const positiveNumber = (flag: string) => numberParser(flag, (v) => Number.isFinite(v) && v > 0, 'a positive number');

export const nonNegativeNumber = (flag: string) => numberParser(flag, (v) => Number.isFinite(v) && v >= 0, 'a non-negative number');

/** Collects a repeatable option (`--set a=1 --set b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export const DEFAULT_DB = 'runs/alignsim.sqlite';

/** A parser for an option that takes one of a few words. */
export function oneOf<T extends string>(flag: string, choices: readonly T[]) {
  return (text: string): T => {
    if (!choices.includes(text as T)) throw new InputError(`${flag} '${text}': expected one of ${choices.join(', ')}`);
    return text as T;
  };
}

/**
 * Every command names its recording with `--db FILE` (default runs/alignsim.sqlite); a command
 * whose only argument is the recording also takes it as that argument.
 */
export function recordingArgument(command: Command, what: string): Command {
  return command.argument('[file]', `${what} (the same as --db FILE)`).option('--db <file>', `${what} (default: ${DEFAULT_DB})`);
}

/** The recording named by `recordingArgument`'s argument or option. */
export function recordingPath(file: string | undefined, options: { db?: string }): string {
  if (file !== undefined && options.db !== undefined && file !== options.db) {
    throw new InputError(`two recordings given, '${file}' and --db '${options.db}': expected one`);
  }
  return file ?? options.db ?? DEFAULT_DB;
}
