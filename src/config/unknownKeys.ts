/**
 * Keys the schema does not know, anywhere in a YAML document: "shedule:" under digest must be an
 * error, not silently ignored (zod drops unknown keys). Walks the data alongside the schema, so
 * every section (figures and answers rules included) is checked without marking each object strict.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';

export interface UnknownKey {
  path: Array<string | number>;
  key: string;
  /** The nearest valid key at that place, when one is close enough to be a typo of it. */
  suggestion: string | null;
  /** Every key valid at that place. */
  valid: string[];
}

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; valueType?: z.ZodType; getter?: () => z.ZodType };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under wrappers (default, optional, pipe, lazy ...) that do not change the shape. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let s = schema, i = 0; i < 20; i++) {
    const def = defOf(s);
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined) ?? (def.type === 'lazy' ? def.getter?.() : undefined);
    if (!next) return s;
    s = next;
  }
  return schema;
}

export function findUnknownKeys(schema: z.ZodType, data: unknown, path: Array<string | number> = []): UnknownKey[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'object' && def.shape && data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const known = Object.keys(def.shape);
    const out: UnknownKey[] = [];
    for (const [key, value] of Object.entries(data)) {
      const child = def.shape[key];
      if (child) out.push(...findUnknownKeys(child, value, [...path, key]));
      else {
        const near = known.length > 0 ? closest(key, known) : null;
        const close = near !== null && distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(near.length / 3));
        out.push({ path, key, suggestion: close ? near : null, valid: known });
      }
    }
    return out;
  }
  if (def.type === 'array' && def.element && Array.isArray(data)) return data.flatMap((item, i) => findUnknownKeys(def.element!, item, [...path, i]));
  if (def.type === 'record' && def.valueType && data !== null && typeof data === 'object') {
    return Object.entries(data).flatMap(([k, v]) => findUnknownKeys(def.valueType!, v, [...path, k]));
  }
  return [];
}
