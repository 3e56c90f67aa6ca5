import { PII_COLUMNS } from '../../shared/analysis/pii-mask';
import type { VersionMeta } from './extract-cache';

/**
 * Which cached extracts the current identity may have in the engine. The cache is shared by
 * every identity of a workspace, so a version pulled by a privacy officer (raw e-mail on disk)
 * must never be loaded, queried or counted against for a marketer. Rights follow where the data
 * came from: an identity unmasks (or reads raw) data only when it has PII access on the mesh the
 * data was pulled from, so a local server that claims `pii_access: true` unlocks nothing.
 */
export interface Identity {
  /** The active mesh, null when none is reachable or configured. */
  meshUrl: string | null;
  user: string | null;
  piiAccess: boolean;
}

export const NO_IDENTITY: Identity = { meshUrl: null, user: null, piiAccess: false };

/** `http://127.0.0.1:8080/` and `http://127.0.0.1:8080` are one mesh. */
export function sameMesh(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const norm = (u: string): string => {
    try {
      const url = new URL(u);
      return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return u.replace(/\/+$/, '').toLowerCase();
    }
  };
  return norm(a) === norm(b);
}

/** The columns of a version that are personal data (contract-tagged, else SPEC's e-mail and phone). */
export function piiColumnsOf(meta: VersionMeta): string[] {
  if (meta.piiColumns) return meta.piiColumns;
  return meta.product === 'customers' ? [...PII_COLUMNS] : [];
}

/**
 * True when the version's files may hold raw PII: pulled with PII access from a product with
 * PII columns. A version from before identities were recorded counts as raw unless the mesh
 * said it was pseudonymised.
 */
export function holdsRawPii(meta: VersionMeta): boolean {
  if (piiColumnsOf(meta).length === 0) return false;
  if (meta.identity) return meta.identity.piiAccess;
  return meta.pseudonymised !== true;
}

/** The mesh a version came from. */
export function originOf(meta: VersionMeta): string {
  return meta.identity?.meshUrl ?? meta.meshUrl;
}

/** May `identity` have this version in the engine at all? */
export function servableTo(meta: VersionMeta, identity: Identity): boolean {
  if (!holdsRawPii(meta)) return true;
  return identity.piiAccess && sameMesh(originOf(meta), identity.meshUrl);
}

/** May `identity` see this version's PII columns unmasked? */
export function unmaskableFor(meta: VersionMeta, identity: Identity): boolean {
  return holdsRawPii(meta) && identity.piiAccess && sameMesh(originOf(meta), identity.meshUrl);
}

/** A key that changes whenever a reload is needed: another version, another pull, other rights. */
export function loadKey(meta: VersionMeta): string {
  return JSON.stringify([meta.version, meta.fetchedAt, holdsRawPii(meta), originOf(meta)]);
}
