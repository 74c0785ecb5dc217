import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from './errors.ts';
import { nameRecord } from './name-record.ts';
import { populationFromSpec } from '../measures/misalignment.ts';
import type { Population, PopulationSpec } from '../measures/misalignment.ts';

/**
 * The population file of `measure misalignment` (DESIGN.md, "Population file"). The schema checks
 * the shape; `populationFromSpec` checks the meaning (names, matrices, weight ranges). An area
 * missing from an agent's `goals`, or null, is the null goal g0. A missing weight is 1, as in the
 * paper's simulations (SCIENCE.md §1.8); a weight for an area where the agent holds no goal is
 * allowed and has no effect (weight 0 ≡ g0, §1.1).
 */
export const populationFileSchema = z
  .object({
    areas: z
      .array(
        z
          .object({
            name: z.string().min(1),
            goals: z.array(z.string().min(1)),
            conflict: z.array(z.array(z.number())),
          })
          .strict(),
      )
      .min(1),
    agents: z
      .array(
        z
          .object({
            name: z.string().min(1),
            kind: z.string().min(1).optional(),
            goals: nameRecord(z.string().nullable()).optional(),
            weights: nameRecord(z.number()).optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export interface PopulationFile {
  readonly spec: PopulationSpec;
  readonly population: Population;
}

/** Validates parsed JSON; `source` names the file in error messages. */
export function parsePopulation(json: unknown, source: string): PopulationFile {
  const parsed = populationFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${source}: ${describePath(json, issue.path)}: ${issue.message}`);
  }
  try {
    return { spec: parsed.data, population: populationFromSpec(parsed.data) };
  } catch (error) {
    if (error instanceof RangeError) throw new InputError(`${source}: ${error.message}`);
    throw error;
  }
}

export function readPopulationFile(path: string): PopulationFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read the population file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parsePopulation(json, path);
}

/** `agents[2] ("retailer").weights.food`: the path, with the names of the listed items on it. */
function describePath(json: unknown, path: readonly (string | number)[]): string {
  if (path.length === 0) return 'file';
  let text = '';
  let node = json;
  for (const key of path) {
    node = typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>)[key] : undefined;
    if (typeof key === 'number') {
      text += `[${key}]`;
      const name = typeof node === 'object' && node !== null ? (node as { name?: unknown }).name : undefined;
      if (typeof name === 'string') text += ` ("${name}")`;
    } else {
      text += text === '' ? key : `.${key}`;
    }
  }
  return text;
}
