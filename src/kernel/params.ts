import { z } from 'zod';
import { parseDecimal } from './decimal.ts';
import { InputError } from './errors.ts';
import type { AnyWorld } from './world.ts';

/** The schema under defaults, optionals, nullables and refinements. */
function baseType(schema: z.ZodTypeAny): z.ZodTypeAny {
  if (schema instanceof z.ZodDefault) return baseType(schema._def.innerType);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return baseType(schema.unwrap());
  if (schema instanceof z.ZodEffects) return baseType(schema.innerType());
  return schema;
}

function typeName(schema: z.ZodTypeAny): string {
  const base = baseType(schema);
  if (base instanceof z.ZodNumber) return base.isInt ? 'integer' : 'number';
  if (base instanceof z.ZodBoolean) return 'boolean';
  if (base instanceof z.ZodEnum) return (base.options as string[]).join('|');
  if (base instanceof z.ZodString) return 'string';
  return 'json';
}

/** Converts the text of `--set key=value` to the type the world's schema asks for. */
function coerce(key: string, text: string, schema: z.ZodTypeAny): unknown {
  const base = baseType(schema);
  if (base instanceof z.ZodNumber) {
    const value = parseDecimal(text);
    if (Number.isNaN(value)) throw new InputError(`parameter '${key}': expected a decimal number, got '${text}'`);
    return value;
  }
  if (base instanceof z.ZodBoolean) {
    if (text !== 'true' && text !== 'false') throw new InputError(`parameter '${key}': expected true or false, got '${text}'`);
    return text === 'true';
  }
  if (base instanceof z.ZodString || base instanceof z.ZodEnum) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`parameter '${key}': expected JSON, got '${text}'`);
  }
}

function describeIssue(world: AnyWorld, error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? `parameter '${issue.path.join('.')}'` : `parameters of world '${world.name}'`;
  return `${where}: ${issue.message}`;
}

/** Validates a full parameter object (defaults filled in) against the world's schema. */
export function validateParams(world: AnyWorld, raw: Record<string, unknown>): Record<string, unknown> {
  const shape = world.params.shape as Record<string, z.ZodTypeAny>;
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(shape, key)) {
      throw new InputError(
        `unknown parameter '${key}' for world '${world.name}': expected one of ${Object.keys(shape).join(', ')}`,
      );
    }
  }
  const parsed = world.params.safeParse(raw);
  if (!parsed.success) throw new InputError(describeIssue(world, parsed.error));
  return parsed.data;
}

/** Parses `key=value` assignments over a base parameter object, typed by the world's schema. */
export function parseAssignments(
  world: AnyWorld,
  assignments: readonly string[],
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const shape = world.params.shape as Record<string, z.ZodTypeAny>;
  const raw: Record<string, unknown> = { ...base };
  const given = new Set<string>();
  for (const assignment of assignments) {
    const eq = assignment.indexOf('=');
    if (eq <= 0) throw new InputError(`--set '${assignment}': expected key=value`);
    const key = assignment.slice(0, eq);
    if (!Object.hasOwn(shape, key)) {
      throw new InputError(
        `unknown parameter '${key}' for world '${world.name}': expected one of ${Object.keys(shape).join(', ')}`,
      );
    }
    if (given.has(key)) throw new InputError(`parameter '${key}' is set twice: expected each parameter at most once`);
    given.add(key);
    raw[key] = coerce(key, assignment.slice(eq + 1), shape[key]);
  }
  return validateParams(world, raw);
}

export interface ParamDescription {
  readonly name: string;
  readonly type: string;
  readonly defaultValue: unknown;
  readonly description: string;
}

/** Name, type, default and description of every parameter of a world. */
export function describeParams(world: AnyWorld): ParamDescription[] {
  const defaults = world.params.parse({}) as Record<string, unknown>;
  return Object.entries(world.params.shape as Record<string, z.ZodTypeAny>).map(([name, schema]) => ({
    name,
    type: typeName(schema),
    defaultValue: defaults[name],
    description: schema.description ?? '',
  }));
}

/** The assignment `policy=NAME` for a world with a `policy` parameter (its delegation policy); an InputError otherwise. */
export function policyAssignment(world: AnyWorld, policy: string): string {
  if (!('policy' in (world.params.shape as Record<string, z.ZodTypeAny>))) {
    throw new InputError(`world '${world.name}' has no 'policy' parameter: expected a world whose delegation policy can be set`);
  }
  return `policy=${policy}`;
}
