import { freemem } from 'node:os';
import { parseDecimal } from './decimal.ts';
import { InputError } from './errors.ts';
import type { AnyWorld } from './world.ts';

/** What the engine itself takes (Node, the modules, SQLite, the writer thread), measured on a run of one principal. */
export const ENGINE_BYTES = 150 * 2 ** 20;

/** Above this a run says how much memory it expects to take. */
export const LARGE_BYTES = 2 ** 30;

/** A memory limit and where it comes from, for messages. */
export interface MemoryLimit {
  readonly bytes: number;
  readonly source: string;
}

const UNITS: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** `--max-memory SIZE`: bytes, or a decimal number with K, M, G or T (powers of 1024; KB, GiB and the like too). */
export function parseSize(text: string): number {
  const match = /^(.+?)(?:([KMGT])(?:i?B)?|B)?$/i.exec(text);
  const bytes = match ? parseDecimal(match[1]) * UNITS[(match[2] ?? '').toUpperCase()] : Number.NaN;
  if (!(bytes >= 1 && Number.isFinite(bytes))) throw new InputError(`--max-memory ${text}: expected a size such as 512M, 4G or 1.5G`);
  return Math.floor(bytes);
}

/** e.g. `4.2 GiB`. */
export function formatBytes(bytes: number): string {
  const [unit, size] = ([['TiB', 2 ** 40], ['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const).find(([, s]) => bytes >= s) ?? ['B', 1];
  return `${Number((bytes / size).toPrecision(3))} ${unit}`;
}

/**
 * The memory this process may still take: what the system has available (MemAvailable on
 * Linux), or a container's limit (cgroup) when that is smaller.
 */
export function availableMemory(): MemoryLimit {
  const free = freemem();
  const constrained = process.constrainedMemory?.() ?? 0;
  // Without a limit Node reports 0, or the largest unsigned value.
  if (constrained > 0 && constrained < free) return { bytes: constrained - process.memoryUsage.rss(), source: 'the memory limit of this container (cgroup)' };
  return { bytes: free, source: 'the memory available on this machine' };
}

/** The memory a run of the world with these parameters is estimated to take (engine included), when the world estimates it. */
export function estimateRunMemory(world: AnyWorld, params: Record<string, unknown>): number | undefined {
  const worldBytes = world.estimateMemory?.(params);
  return worldBytes === undefined ? undefined : ENGINE_BYTES + worldBytes;
}

/**
 * Refuses, before anything is allocated, a run whose estimated memory exceeds the limit (by
 * default what the machine has available). Returns the estimate, if the world gives one.
 */
export function checkMemory(world: AnyWorld, params: Record<string, unknown>, limit: MemoryLimit = availableMemory()): number | undefined {
  const estimate = estimateRunMemory(world, params);
  if (estimate !== undefined && estimate > limit.bytes) {
    throw new InputError(
      `world '${world.name}' with these parameters needs about ${formatBytes(estimate)} of memory, more than ${limit.source} (${formatBytes(limit.bytes)}): ` +
        'expected a smaller world (fewer principals, assistants or areas) or more memory',
    );
  }
  return estimate;
}
