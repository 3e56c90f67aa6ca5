/**
 * What changed between two versions of a product's data contract, for the product page's change
 * log and for flagging saved analyses before they are rerun (docs/governance.md). Columns are
 * matched by name (a rename is a removal plus an addition); types compare after the spelling
 * aliases of schema-check.ts, so VARCHAR and STRING are not a change.
 */
import { z } from 'zod';
import { contractColumns, type ContractColumn, type OdcsContract } from './odcs';
import { normalisePhysicalType } from './schema-check';

export const CONTRACT_CHANGE_KINDS = ['column_added', 'column_removed', 'column_retyped', 'pii_changed', 'consent_changed', 'sla_changed'] as const;
export type ContractChangeKind = (typeof CONTRACT_CHANGE_KINDS)[number];

export const contractChangeSchema = z.object({
  kind: z.enum(CONTRACT_CHANGE_KINDS),
  /** The column, or for an SLA change the SLA property (latency, frequency, ...). */
  subject: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** The change in words: "Column phone was removed", "latency changed from 24 h to 48 h". */
  text: z.string(),
});
export type ContractChange = z.infer<typeof contractChangeSchema>;

export const contractDiffSchema = z.object({
  fromVersion: z.string(),
  toVersion: z.string(),
  changes: z.array(contractChangeSchema),
});
export type ContractDiff = z.infer<typeof contractDiffSchema>;

function typeOf(c: ContractColumn): string {
  const physical = normalisePhysicalType(c.physicalType);
  return physical !== '' ? physical : c.logicalType;
}

function piiOf(c: ContractColumn): string {
  if (c.pseudonymised) return `pseudonymised (${c.pseudonymised})`;
  return c.pii ? 'PII' : 'not PII';
}

function consentOf(c: ContractColumn): string | null {
  return c.consentPurpose ?? null;
}

function slaMap(contract: OdcsContract): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of contract.slaProperties ?? []) {
    const key = s.element ? `${s.property} (${s.element})` : s.property;
    out.set(key, `${String(s.value)}${s.unit ? ` ${s.unit}` : ''}`);
  }
  return out;
}

/** Every change from `before` to `after`, columns in the new contract's order, removals last, then the SLA. */
export function diffContracts(before: OdcsContract, after: OdcsContract): ContractDiff {
  const changes: ContractChange[] = [];
  const oldCols = new Map(contractColumns(before).map((c) => [c.name, c]));
  const newCols = contractColumns(after);
  const newNames = new Set(newCols.map((c) => c.name));
  for (const col of newCols) {
    const old = oldCols.get(col.name);
    if (!old) {
      changes.push({
        kind: 'column_added',
        subject: col.name,
        before: null,
        after: typeOf(col),
        text: `Column ${col.name} (${typeOf(col) || 'no type'}) was added`,
      });
      continue;
    }
    if (typeOf(old) !== typeOf(col)) {
      changes.push({
        kind: 'column_retyped',
        subject: col.name,
        before: typeOf(old),
        after: typeOf(col),
        text: `Column ${col.name} changed type from ${typeOf(old) || 'none'} to ${typeOf(col) || 'none'}`,
      });
    }
    if (piiOf(old) !== piiOf(col)) {
      changes.push({
        kind: 'pii_changed',
        subject: col.name,
        before: piiOf(old),
        after: piiOf(col),
        text: `Column ${col.name} is now ${piiOf(col)} (was ${piiOf(old)})`,
      });
    }
    const [was, is] = [consentOf(old), consentOf(col)];
    if (was !== is) {
      const text =
        is === null
          ? `Column ${col.name} no longer grants consent for ${was}`
          : was === null
            ? `Column ${col.name} now grants consent for ${is}`
            : `Column ${col.name} grants consent for ${is} (was ${was})`;
      changes.push({ kind: 'consent_changed', subject: col.name, before: was, after: is, text });
    }
  }
  for (const old of oldCols.values()) {
    if (!newNames.has(old.name))
      changes.push({ kind: 'column_removed', subject: old.name, before: typeOf(old), after: null, text: `Column ${old.name} was removed` });
  }
  const [oldSla, newSla] = [slaMap(before), slaMap(after)];
  for (const key of new Set([...oldSla.keys(), ...newSla.keys()])) {
    const [was, is] = [oldSla.get(key) ?? null, newSla.get(key) ?? null];
    if (was === is) continue;
    const text = was === null ? `SLA ${key} of ${is} was added` : is === null ? `SLA ${key} (${was}) was removed` : `SLA ${key} changed from ${was} to ${is}`;
    changes.push({ kind: 'sla_changed', subject: key, before: was, after: is, text });
  }
  return { fromVersion: String(before.version), toVersion: String(after.version), changes };
}

/** Columns a saved analysis may break on: removed or retyped ones. */
export function breakingColumns(changes: readonly ContractChange[]): string[] {
  return [...new Set(changes.filter((c) => c.kind === 'column_removed' || c.kind === 'column_retyped').map((c) => c.subject))];
}

/**
 * Whether a saved spec mentions a column (coarse on purpose: any JSON string equal to the name,
 * or an object key, counts), so a spec is flagged rather than silently rerun on a changed column.
 */
export function specMentionsColumn(spec: unknown, column: string): boolean {
  const seen = (value: unknown): boolean => {
    if (typeof value === 'string') return value === column;
    if (Array.isArray(value)) return value.some(seen);
    if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k === column || seen(v));
    return false;
  };
  return seen(spec);
}
