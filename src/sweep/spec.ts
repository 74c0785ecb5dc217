import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../kernel/errors.ts';
import { nameRecord } from '../kernel/name-record.ts';
import { DEFAULT_DETAIL, DETAIL_LEVELS } from '../record/detail.ts';

const paramValues = nameRecord(z.unknown());

/**
 * A sweep: one world, parameter settings (base, overridden by each explicit set, crossed with
 * every grid combination) and seeds (one per replication, shared by every setting).
 */
export const sweepSpecSchema = z
  .object({
    world: z.string().min(1),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    steps: z.number().int().positive().optional(),
    snapshotEvery: z.number().int().min(0).default(0),
    detail: z.enum(DETAIL_LEVELS).default(DEFAULT_DETAIL),
    base: paramValues.default({}),
    grid: nameRecord(z.array(z.unknown()).nonempty()).default({}),
    sets: z.array(paramValues).nonempty().optional(),
    replications: z.number().int().positive().default(1),
    shards: z.number().int().positive().optional(),
  })
  .strict();

export type SweepSpec = z.infer<typeof sweepSpecSchema>;

function fieldName(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** Parses the text of a spec; every bad field is named in the one-line error. */
export function parseSpec(text: string, source: string): SweepSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`sweep spec '${source}' is not valid JSON (${(error as Error).message}): expected a JSON object`);
  }
  const parsed = sweepSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `field '${fieldName(issue.path)}': ${issue.message}` : issue.message,
    );
    throw new InputError(`sweep spec '${source}': ${problems.join('; ')}`);
  }
  return parsed.data;
}

export function readSpec(file: string): SweepSpec {
  if (!existsSync(file)) throw new InputError(`sweep spec '${file}' does not exist: expected a JSON file`);
  return parseSpec(readFileSync(file, 'utf8'), file);
}
