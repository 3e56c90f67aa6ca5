/**
 * How long a copy of personal data may stay on this laptop: the `retention` SLA property of the
 * contract the copy was checked against (ODCS v3 `slaProperties`, value + unit), 30 days when
 * the contract states none or states it in a unit we cannot read. A copy holds personal data
 * when its contract tags columns as PII or pseudonymised (extract-access.ts): a pseudonymised
 * e-mail hash still identifies a person, so it is purged like a raw address.
 */
import { readFile } from 'node:fs/promises';
import { odcsContractSchema, type OdcsContract } from '../../shared/contracts/odcs';
import type { ExtractCache, VersionMeta } from './extract-cache';
import { piiColumnsOf } from './extract-access';

export const DEFAULT_RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** ODCS writes units as ISO-like abbreviations or words ("d", "days", "y", "yr"); "m" is left out: minutes or months? */
const DAYS_PER_UNIT: ReadonlyArray<[RegExp, number]> = [
  [/^(h|hr|hrs|hour|hours)$/, 1 / 24],
  [/^(d|day|days)$/, 1],
  [/^(w|wk|week|weeks)$/, 7],
  [/^(mo|mon|month|months)$/, 30],
  [/^(y|yr|yrs|year|years)$/, 365],
];

export interface RetentionPeriod {
  days: number;
  /** False when the contract said nothing usable and the 30-day default applies. */
  fromContract: boolean;
}

export function retentionPeriod(contract: OdcsContract | null): RetentionPeriod {
  const sla = contract?.slaProperties?.find((s) => s.property.toLowerCase() === 'retention');
  const value = typeof sla?.value === 'number' ? sla.value : Number(sla?.value);
  if (!sla || !Number.isFinite(value) || value < 0) return { days: DEFAULT_RETENTION_DAYS, fromContract: false };
  // A retention without a unit is read in days, the unit a laptop copy is counted in.
  const unit = (sla.unit ?? 'd').trim().toLowerCase();
  const factor = DAYS_PER_UNIT.find(([pattern]) => pattern.test(unit))?.[1];
  if (factor === undefined) return { days: DEFAULT_RETENTION_DAYS, fromContract: false };
  return { days: value * factor, fromContract: true };
}

/** True when the version's contract tags any column as PII or pseudonymised. */
export function holdsPersonalData(meta: VersionMeta): boolean {
  return piiColumnsOf(meta).length > 0;
}

/** One cached copy of personal data and when it must be gone. */
export interface RetainedCopy {
  product: string;
  /** The product's name for people ("Customer 360"), from its contract. */
  name: string;
  version: string;
  fetchedAt: string;
  days: number;
  purgeAt: string;
}

function productName(contract: OdcsContract | null, product: string): string {
  const named = contract?.customProperties?.find((p) => p.property === 'productName')?.value;
  return typeof named === 'string' && named ? named : (contract?.name ?? product);
}

async function readContract(file: string): Promise<OdcsContract | null> {
  // A missing or unreadable contract is not an error here: the default retention applies.
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = odcsContractSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The retention of a cached version, or null when it holds no personal data. The contract the
 * parts were checked against decides (a later contract cannot stretch what was promised when
 * they were pulled); without one, the product's last seen contract.
 */
export async function retainedCopy(cache: ExtractCache, meta: VersionMeta): Promise<RetainedCopy | null> {
  if (!holdsPersonalData(meta)) return null;
  const contract = (await readContract(cache.versionContractFile(meta.product, meta.version))) ?? (await readContract(cache.contractFile(meta.product)));
  const { days } = retentionPeriod(contract);
  const fetched = Date.parse(meta.fetchedAt);
  // An unreadable pull time cannot start a countdown: such a copy is treated as expired.
  const purgeAt = Number.isNaN(fetched) ? new Date(0) : new Date(fetched + days * DAY_MS);
  return {
    product: meta.product,
    name: productName(contract, meta.product),
    version: meta.version,
    fetchedAt: meta.fetchedAt,
    days,
    purgeAt: purgeAt.toISOString(),
  };
}

export function isExpired(copy: RetainedCopy, now: Date): boolean {
  return now.getTime() >= Date.parse(copy.purgeAt);
}
