import type { Command } from 'commander';
import { parseDecimal } from '../kernel/decimal.ts';
import { InputError } from '../kernel/errors.ts';

/** Commander argument parsers that turn bad numbers into one-line input errors. */
export function positiveInteger(flag: string) {
  return (text: string): number => {
    const value = parseDecimal(text);
    if (!Number.isSafeInteger(value) || value <= 0) throw new InputError(`${flag} ${text}: expected a positive integer`);
    return value;
  };
}

export function nonNegativeInteger(flag: string) {
  return (text: string): number => {
    const value = parseDecimal(text);
    if (!Number.isSafeInteger(value) || value < 0) throw new InputError(`${flag} ${text}: expected a non-negative integer`);
    return value;
  };
}

/** A TCP port: 0 (any free port) to 65535. */
export function portNumber(flag: string) {
  return (text: string): number => {
    const value = parseDecimal(text);
    if (!Number.isSafeInteger(value) || value < 0 || value > 65535) throw new InputError(`${flag} ${text}: expected a port from 0 to 65535`);
    return value;
  };
}

export function positiveNumber(flag: string) {
  return (text: string): number => {
    const value = parseDecimal(text);
    if (!Number.isFinite(value) || value <= 0) throw new InputError(`${flag} ${text}: expected a positive number`);
    return value;
  };
}

export function nonNegativeNumber(flag: string) {
  return (text: string): number => {
    const value = parseDecimal(text);
    if (!Number.isFinite(value) || value < 0) throw new InputError(`${flag} ${text}: expected a non-negative number`);
    return value;
  };
}

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
