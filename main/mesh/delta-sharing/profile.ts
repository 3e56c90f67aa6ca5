import type { ErrorCode } from '../../../shared/errors';
/**
 * The Delta Sharing profile file a data provider hands a recipient (protocol, "Profile File
 * Format"): which server, which bearer token, and until when that token is valid.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MeshError } from '../mesh-error';

/** The only profile format version this client reads; a newer one must be refused, not guessed. */
export const SUPPORTED_PROFILE_VERSION = 1;

export const profileSchema = z
  .object({
    shareCredentialsVersion: z.number().int().min(1).max(1000),
    endpoint: z
      .string()
      .max(2000)
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL'),
    bearerToken: z.string().min(1).max(10_000),
    expirationTime: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type SharingProfile = z.infer<typeof profileSchema>;

/** A profile that cannot be used as given: the caller's input is wrong (CLI exit 2). */
export class ProfileError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ProfileError';
  }
}

export function parseProfile(text: string): SharingProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProfileError(
      'invalid_profile',
      'The profile file is not JSON. A Delta Sharing profile is a JSON object with shareCredentialsVersion, endpoint, bearerToken and an optional expirationTime.',
      '',
    );
  }
  const parsed = profileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    // Never quote the profile's values back: the bearer token is among them.
    throw new ProfileError('invalid_profile', `The profile file is not a valid Delta Sharing profile: ${path || 'profile'}: ${issue.message}.`, path);
  }
  if (parsed.data.shareCredentialsVersion !== SUPPORTED_PROFILE_VERSION) {
    throw new ProfileError(
      'unsupported_profile_version',
      `The profile's shareCredentialsVersion is ${parsed.data.shareCredentialsVersion}; this version of Meshwork reads version ${SUPPORTED_PROFILE_VERSION}. Upgrade Meshwork to use this profile.`,
      'shareCredentialsVersion',
    );
  }
  return parsed.data;
}

export async function readProfile(path: string): Promise<SharingProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new ProfileError('profile_unreadable', `Cannot read the profile file ${path} (${code}).`, 'delta-sharing');
  }
  return parseProfile(text);
}

/** Refuses a profile whose token has run out before any call, so the user gets the reason, not a bare 401. */
export function assertNotExpired(profile: SharingProfile, now = Date.now()): void {
  if (profile.expirationTime !== undefined && Date.parse(profile.expirationTime) <= now) {
    throw new MeshError(
      null,
      'token_expired',
      `The Delta Sharing profile's bearer token expired at ${profile.expirationTime}. Ask the data provider for a new profile file.`,
      false,
    );
  }
}
