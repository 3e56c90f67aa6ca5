import { z } from 'zod';

/**
 * The one error model. Every failure meant for a person is an `AppError` (or a subclass that
 * adds context: SpecError, DataError, MeshError, QueryCancelledError) with a `code` from this
 * list, a message that says what is wrong and what to do, and, where it points into an input,
 * a `path` (`rule.all[2].min_count`). Each boundary maps errors once with `toAppError`: the
 * engine process's answers, the IPC dispatcher (Electron and HTTP), and the CLI.
 *
 * A new code goes here first, so a misspelled one does not compile.
 */
export const ERROR_CODES = [
  // Specs and inputs (CLI exit 2)
  'invalid_spec',
  'unknown_kind',
  'unknown_column',
  'unknown_variant',
  'unknown_experiment',
  'invalid_input',
  'invalid_request',
  'invalid_json',
  'bad_arguments',
  'spec_not_found',
  'unknown_call',
  'unknown_command',
  'method_not_allowed',
  'kind_mismatch',
  'unknown_channel',
  'unknown_geo',
  'infeasible_bounds',
  'insufficient_data',
  'input_not_found',
  'bad_token',
  'bad_token_file',
  // Data (CLI exit 3)
  'missing_data',
  'unreadable_data',
  'damaged_extract',
  'pii_not_permitted',
  // The engine process
  'cancelled',
  'engine_error',
  'engine_closed',
  'engine_crashed',
  // The app
  'not_found',
  'forbidden',
  'host_unreachable',
  'no_demo_mesh',
  'unknown_role',
  'unknown_destination',
  'unsupported_destination',
  'no_holdout',
  'not_activated',
  'empty_audience',
  'embedded_mesh',
  'too_large',
  'bad_out',
  // The mesh client and Mesh API v1 answers
  'offline',
  'timeout',
  'no_mesh',
  'mesh_refused',
  'bad_answer',
  'bad_manifest',
  'bad_range',
  'empty_body',
  'truncated',
  'checksum_mismatch',
  // Delta Sharing (main/mesh/delta-sharing)
  'bad_filter',
  'bad_mapping',
  'bad_schema',
  'credentials_rejected',
  'list_failed',
  'permission_denied',
  'schema_mismatch',
  'server_error',
  'size_mismatch',
  'table_changed',
  'token_expired',
  'unsupported_format',
  'unsupported_protocol',
  'url_expired',
  'bad_profile',
  'invalid_profile',
  'unsupported_profile_version',
  'profile_unreadable',
  'bad_request',
  'disk_full',
  'not_writable',
  'contract_violation',
  'quality_failed',
  'row_count_mismatch',
  'pull_failed',
  'send_failed',
  'activation_failed',
  'invalid_audience',
  'unknown_product',
  'not_approved',
  'already_decided',
  'rate_limited',
  'unauthorized',
  'unavailable',
  'approver_role_required',
  'four_eyes',
  'pii_not_permitted',
  'idempotency_key_required',
  'idempotency_key_reused',
  'identifier_mismatch',
  'duplicate_member',
  'unknown_activation',
  'unknown_audience_version',
  'unknown_customer',
  'unknown_file',
  'version_superseded',
  'invalid_body',
  'invalid_status',
  'invalid_arguments',
  'malformed_json',
  'body_too_large',
  'range_not_satisfiable',
  'injected_fault',
  // Audit forwarding (main/mesh/audit-forwarding.ts, extension POST /v1/audit)
  'audit_not_supported',
  'admin_only',
  // Consent that stays current (docs/governance.md)
  'consent_withdrawn',
  'member_not_in_version',
  'stale_consent',
  // Anything unexpected (CLI exit 1)
  'internal_error',
] as const;

/** A listed code, or `http_<status>` for a mesh answer that carried no code of its own. */
export type ErrorCode = (typeof ERROR_CODES)[number] | `http_${number}`;

const KNOWN = new Set<string>(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (KNOWN.has(value) || /^http_\d{3}$/.test(value));
}

/** The shape that crosses every boundary (IPC, HTTP, the engine process, the CLI's stderr). */
export const appErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
});
export interface AppErrorBody {
  code: ErrorCode;
  message: string;
  path?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return this.path === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, path: this.path };
  }
}

/** `['models', 3, 'half_life_days']` -> `models[3].half_life_days`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Formats zod issues as `field.path: must ...` lines a person can act on. */
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

/**
 * Any thrown value as an AppError: AppErrors (and subclasses) as they are; zod errors as
 * `invalid_input`; an error body from another process (`{code, message, path}`) with its code
 * when it is a known one; anything else as `fallback` (`internal_error` unless the boundary
 * says otherwise, e.g. the engine's `engine_error`).
 */
export function toAppError(error: unknown, fallback: ErrorCode = 'internal_error'): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) {
    const { message, path } = describeZodError(error);
    return new AppError('invalid_input', message, path);
  }
  const body = appErrorSchema.safeParse(error);
  if (body.success && !(error instanceof Error)) {
    return new AppError(isErrorCode(body.data.code) ? body.data.code : fallback, body.data.message, body.data.path);
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return new AppError(isErrorCode(code) ? code : fallback, error.message);
  }
  return new AppError(fallback, String(error));
}
