import { parseArgs } from 'node:util';
import { z } from 'zod';

export type ParsedArgs<T> = { ok: true; value: T } | { ok: false; message: string; path: string };

/**
 * `--name value` options parsed with node:util, then checked with a zod schema; the first
 * problem becomes a message naming the option.
 */
export function parseOptions<S extends z.ZodType>(args: string[], names: readonly string[], schema: S): ParsedArgs<z.output<S>> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(names.map((n) => [n, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // Node quotes a stray argument whole: it may be half of a token pasted with a space.
    const unexpected = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL';
    const message = unexpected
      ? 'An extra argument that belongs to no option (not repeated here: it may be a secret). Every option takes exactly one value; quote values that hold spaces.'
      : (error as Error).message;
    return { ok: false, message, path: '' };
  }
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? '');
  return { ok: false, message: name ? `--${name}: ${issue.message}` : issue.message, path: name };
}

export const meshUrlSchema = z
  .string({ error: 'is required: the mesh URL, e.g. http://127.0.0.1:8080' })
  .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL');
export const tokenSchema = z.string({ error: 'is required: your bearer token for the mesh' }).min(1, 'must not be empty');
