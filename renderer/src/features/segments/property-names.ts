import { PII_COLUMNS } from '../../../../shared/analysis/pii-mask';
import { channelName, humanize } from '../../../../shared/display-names';
import type { ProductDetail } from '../../../../shared/ipc/catalog-contract';
import type { ColumnInfo } from './RuleEditor';

type ContractColumn = ProductDetail['contract']['columns'][number];

/** A Customer 360 property as the builder offers it: a name people read, the column in a tooltip. */
export interface PropertyOption extends ColumnInfo {
  label: string;
  /** The contract's description, or an empty string when the contract is not at hand. */
  description: string;
  pii: boolean;
}

/** Names for the Customer 360 columns of the demo contract; other columns are named from their description. */
const PROPERTY_NAMES: Readonly<Record<string, string>> = {
  customer_id: 'Customer ID',
  email: 'E-mail address',
  email_sha256: 'Hashed e-mail',
  phone: 'Phone number',
  country: 'Country',
  signup_at: 'Sign-up date',
  lifecycle_stage: 'Lifecycle stage',
  ltv: 'Lifetime value (USD)',
  consent_email: 'Consented to e-mail',
  consent_ads: 'Consented to ads',
  consent_analytics: 'Consented to analytics',
  consent_updated_at: 'Consent last changed',
  acquisition_channel: 'Acquisition channel',
  churn_probability: 'Churn probability',
};

/** "Country of residence, ISO-3166 alpha-2." -> "Country of residence": a description's first phrase, when short. */
export function nameFromDescription(description: string): string | null {
  const phrase = description.split(/[,.;(]/)[0]?.trim() ?? '';
  return phrase.length > 0 && phrase.length <= 32 ? phrase : null;
}

/**
 * The properties a segment may filter on for this role. Personal data (tagged PII in the
 * contract, or served pseudonymised, or SPEC's e-mail and phone when there is no contract) is not
 * offered to a role without PII access: the engine would refuse it anyway, since repeated counts
 * could spell an address out.
 */
export function propertyOptions(columns: readonly ColumnInfo[], contract: readonly ContractColumn[], piiAccess: boolean): PropertyOption[] {
  const byName = new Map(contract.map((c) => [c.name, c]));
  return columns
    .map((column) => {
      const described = byName.get(column.name);
      const pii = described ? described.pii || described.pseudonymised !== undefined : (PII_COLUMNS as readonly string[]).includes(column.name);
      const description = described?.description ?? '';
      const label = PROPERTY_NAMES[column.name] ?? nameFromDescription(description) ?? humanize(column.name);
      return { ...column, label, description, pii };
    })
    .filter((option) => piiAccess || !option.pii);
}

/** The tooltip of a property: what the contract says it holds, and the column it reads. */
export function propertyTooltip(option: Pick<PropertyOption, 'name' | 'description'>): string {
  return option.description ? `${option.description} (column ${option.name})` : `Column ${option.name}`;
}

let regions: Intl.DisplayNames | null = null;

/** A value as people read it: country codes as countries, channels and stages as words. */
export function valueLabel(column: string, value: string): string {
  if (column === 'country' && /^[A-Z]{2}$/.test(value)) {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return regions.of(value) ?? value;
  }
  if (column === 'acquisition_channel') return channelName(value);
  if (column === 'lifecycle_stage') return value.length <= 3 ? value.toUpperCase() : humanize(value);
  return value;
}
