import { z } from 'zod';

/**
 * A JSON object keyed by names a user chose (areas, parameters), parsed into a null-prototype
 * object. `z.record` builds an ordinary object, where a key `__proto__` replaces the prototype
 * instead of becoming an entry: the name would vanish and its value go unchecked.
 */
export function nameRecord<T extends z.ZodTypeAny>(value: T) {
  return z
    .custom<Record<string, unknown>>((raw) => typeof raw === 'object' && raw !== null && !Array.isArray(raw), { message: 'Expected object' })
    .transform((raw, ctx) => {
      const entries: Record<string, z.infer<T>> = Object.create(null);
      for (const [key, item] of Object.entries(raw)) {
        const parsed = value.safeParse(item);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] });
          return z.NEVER;
        }
        entries[key] = parsed.data;
      }
      return entries;
    });
}
