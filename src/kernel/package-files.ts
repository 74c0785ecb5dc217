import { fileURLToPath } from 'node:url';

/**
 * Where alignsim's own files are, whether it runs from its build (dist/, JavaScript: the command
 * line and installed packages) or from its TypeScript sources (its own tests).
 */

/** True when alignsim runs from its build rather than from its TypeScript sources. */
export const COMPILED = import.meta.url.endsWith('.js');

/** The extension of alignsim's modules as they run. */
export const MODULE_EXTENSION = COMPILED ? '.js' : '.ts';

/** The package's root folder (package.json, README.md); the build mirrors the sources under dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL(COMPILED ? '../../../' : '../../', import.meta.url));

/** The module `name` (no extension) relative to the module at `from`, in the form alignsim runs in. */
export function moduleAt(from: string, name: string): URL {
  return new URL(`${name}${MODULE_EXTENSION}`, from);
}
