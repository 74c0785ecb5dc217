import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.ts';
import { isWorldPath } from './registry.ts';
import type { AnyWorld } from './world.ts';

/**
 * How a recording names a run's world (runs.world): a built-in world by its name, or a world file
 * by its path relative to the recording's folder, followed by `#name=…&sha256=…` (the world's
 * name and a hash of the module's source). So the world is found again from any directory, and a
 * replay can tell when the module changed since the run.
 */

export type RecordedWorld =
  | { readonly kind: 'built-in'; readonly name: string }
  | { readonly kind: 'file'; readonly file: string; readonly name: string | null; readonly sha256: string | null };

/** A hash of a world module's source (its own file, not what it imports). */
export function sourceHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
}

/** Whether `ref` is already a recorded reference (a file world with its hash), not a path as a user typed it. */
function isRecordedReference(ref: string): boolean {
  return isWorldPath(ref) && ref.includes('#');
}

/** The runs.world of a run of `world`, named `ref` by the user, recorded into a file in `recordingDir`. */
export function worldReference(ref: string, world: AnyWorld, recordingDir: string): string {
  if (!isWorldPath(ref) || isRecordedReference(ref)) return ref;
  const file = resolve(ref);
  const path = relative(resolve(recordingDir), file).split(sep).join('/');
  // './' keeps a world beside its recording a path, not a built-in's name.
  return `${isAbsolute(path) || path.startsWith('../') ? path : `./${path}`}#${new URLSearchParams({ name: world.name, sha256: sourceHash(file) })}`;
}

/**
 * The world a recorded run names. A file is located relative to the recording; a path recorded
 * without a hash (older recordings) is taken as it was typed, relative to the current directory.
 */
export function recordedWorld(stored: string, recordingFile: string): RecordedWorld {
  if (!isWorldPath(stored)) return { kind: 'built-in', name: stored };
  const hashAt = stored.indexOf('#');
  if (hashAt < 0) return { kind: 'file', file: resolve(stored), name: null, sha256: null };
  const path = stored.slice(0, hashAt);
  const fragment = new URLSearchParams(stored.slice(hashAt + 1));
  const file = isAbsolute(path) ? path : resolve(dirname(resolve(recordingFile)), path);
  return { kind: 'file', file, name: fragment.get('name'), sha256: fragment.get('sha256') };
}

/** A recorded world file that may be run: it exists, and the user agreed to run its code. */
export function checkWorldFile(world: RecordedWorld & { kind: 'file' }, runId: string, trusted: boolean): void {
  if (!existsSync(world.file)) {
    throw new InputError(`run ${runId} was made by the world file '${world.file}', which does not exist: expected the world module next to where it was when recorded`);
  }
  if (!trusted) {
    throw new InputError(`run ${runId} was made by the world file '${world.file}'; replaying it runs that file's code: expected --trust-world if you trust it`);
  }
}
