import { z } from 'zod';

/** The one error shape that crosses every boundary (IPC, HTTP, CLI). */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
});
export type AppErrorBody = z.infer<typeof appErrorSchema>;

/** A failure meant for the user: `message` says what is wrong and how to fix it. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return this.path === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, path: this.path };
  }
}

/** Formats zod issues as `field.path must ...` lines a person can act on. */
export function describeZodError(error: z.ZodError, prefix = ''): { message: string; path: string } {
  const first = error.issues[0];
  const path = first ? formatPath(first.path) : '';
  const where = [prefix, path].filter(Boolean).join('.');
  const message = error.issues
    .slice(0, 3)
    .map((issue) => {
      const at = [prefix, formatPath(issue.path)].filter(Boolean).join('.');
      return at ? `${at}: ${issue.message}` : issue.message;
    })
    .join('; ');
  return { message, path: where };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const { message, path } = describeZodError(error);
    return new AppError('invalid_input', message, path);
  }
  const maybe = appErrorSchema.safeParse(error);
  if (maybe.success) return new AppError(maybe.data.code, maybe.data.message, maybe.data.path);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return new AppError(typeof code === 'string' ? code : 'internal_error', error.message);
  }
  return new AppError('internal_error', String(error));
}
