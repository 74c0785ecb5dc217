import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from './errors.ts';
import type { AnyWorld } from './world.ts';

/**
 * Loads worlds by name (a built-in `worlds/<name>.ts`) or by path (a user's module whose default
 * export is a world). The only way `src/` reaches `worlds/`.
 */
const builtInDirectory = fileURLToPath(new URL('../../worlds/', import.meta.url));

function isWorld(value: unknown): value is AnyWorld {
  const w = value as AnyWorld | undefined;
  return typeof w === 'object' && w !== null && typeof w.name === 'string' && typeof w.init === 'function' && (typeof w.phases === 'object' || typeof w.start === 'function');
}

export function builtInWorldNames(): string[] {
  return readdirSync(builtInDirectory)
    .filter((file) => file.endsWith('.ts') && statSync(resolve(builtInDirectory, file)).isFile())
    .map((file) => file.slice(0, -3))
    .sort();
}

function looksLikePath(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.(ts|js|mjs|mts)$/.test(ref);
}

async function importWorld(file: string, ref: string): Promise<AnyWorld> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    throw new InputError(`world '${ref}' could not be loaded (${(error as Error).message.split('\n')[0]}): expected a TypeScript module whose default export is a world`);
  }
  if (!isWorld(module.default)) {
    throw new InputError(`'${ref}' is not a world: expected a module whose default export is defineWorld({...})`);
  }
  return module.default;
}

/** The world a user named: a built-in name, or a path to a world module. */
export async function loadWorld(ref: string): Promise<AnyWorld> {
  if (looksLikePath(ref)) {
    const file = resolve(ref);
    if (!existsSync(file) || !statSync(file).isFile()) throw new InputError(`world file '${ref}' does not exist: expected a path to a .ts world module`);
    return importWorld(file, ref);
  }
  const names = builtInWorldNames();
  if (!names.includes(ref)) throw new InputError(`unknown world '${ref}': expected one of ${names.join(', ')} or a path to a .ts module`);
  return importWorld(resolve(builtInDirectory, `${ref}.ts`), ref);
}

/** Every built-in world, loaded. */
export async function loadBuiltInWorlds(): Promise<AnyWorld[]> {
  return Promise.all(builtInWorldNames().map((name) => loadWorld(name)));
}
