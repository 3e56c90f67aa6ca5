import { readFile } from 'node:fs/promises';
import { diffContracts, type ContractDiff } from '../../../shared/contracts/contract-diff';
import { odcsContractSchema, type OdcsContract } from '../../../shared/contracts/odcs';
import type { ExtractCache } from '../extract-cache';

/** The contract a cached version was checked against, or null (caches from before it was kept). */
export async function versionContract(cache: ExtractCache, product: string, version: string): Promise<OdcsContract | null> {
  const text = await readFile(cache.versionContractFile(product, version), 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = odcsContractSchema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/**
 * The change log entry of a version about to be installed: its contract against the current
 * version's. A re-pull of the same version keeps the entry that version already had; with no
 * previous contract to compare there is no entry (null), which is not the same as no changes.
 */
export async function changesSincePrevious(cache: ExtractCache, product: string, version: string, contract: OdcsContract): Promise<ContractDiff | null> {
  const current = await cache.current(product);
  if (!current) return null;
  if (current.version === version) return current.contractChanges ?? null;
  const previous = await versionContract(cache, product, current.version);
  return previous ? diffContracts(previous, contract) : null;
}
