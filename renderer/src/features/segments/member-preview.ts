import { formatCurrency, formatDate } from '../../../../shared/format';
import { channelName } from '../../../../shared/display-names';
import { valueLabel } from './property-names';

/**
 * The member preview as a marketer reads it: who (a name where the extract has one), country,
 * lifecycle stage, readable dates and money; ids and hashes only in the row's tooltip.
 */
export interface PreviewRow {
  name: string | null;
  email: string | null;
  country: string;
  stage: string;
  signedUp: string;
  ltv: string;
  channel: string;
  /** Customer ID and hashed e-mail, for the tooltip. */
  ids: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function nameOf(row: Record<string, unknown>): string | null {
  const full = text(row.name) ?? text(row.full_name);
  if (full) return full;
  const parts = [text(row.first_name), text(row.last_name)].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** What the e-mail column of the preview holds, judged from the data itself. */
export type EmailContent = 'addresses' | 'masked' | 'hashed' | 'none';

export function emailContent(rows: readonly Record<string, unknown>[]): EmailContent {
  const values = rows.map((r) => text(r.email)).filter((v): v is string => v !== null);
  if (values.length === 0) return 'none';
  if (values.some((v) => v.includes('***'))) return 'masked';
  if (values.every((v) => /^[0-9a-f]{64}$/.test(v))) return 'hashed';
  return values.some((v) => v.includes('@')) ? 'addresses' : 'none';
}

export function previewRows(rows: readonly Record<string, unknown>[]): PreviewRow[] {
  const content = emailContent(rows);
  return rows.map((row) => {
    const id = text(row.customer_id) ?? '';
    const hash = text(row.email_sha256);
    return {
      name: nameOf(row),
      // Only real addresses are worth a column; masks and hashes say nothing to a reader.
      email: content === 'addresses' ? text(row.email) : null,
      country: text(row.country) ? valueLabel('country', row.country as string) : '—',
      stage: text(row.lifecycle_stage) ? valueLabel('lifecycle_stage', row.lifecycle_stage as string) : '—',
      signedUp: formatDate(text(row.signup_at)),
      ltv: typeof row.ltv === 'number' ? formatCurrency(row.ltv) : '—',
      channel: text(row.acquisition_channel) ? channelName(row.acquisition_channel as string) : '—',
      ids: [`Customer ID ${id}`, ...(hash ? [`hashed e-mail ${hash}`] : [])].join(' · '),
    };
  });
}

export interface MaskingNotice {
  /** The short badge ("PII masked"), or null where nothing is masked. */
  badge: string | null;
  /** The badge's tooltip: why it is masked, in one line. */
  reason: string | null;
  text: string;
}

/**
 * What the screen says about personal data. Two different reasons mask it, and each says its
 * own: the role has no PII access (nothing to do), or the role has it but the Customer 360 copy
 * on this laptop was pulled pseudonymised (by a role without it) and must be pulled again.
 * `masked` is the preview answer's flag: main sets it from the role *and* how the extract on the
 * laptop was pulled, so it holds even where the e-mail column was withheld rather than hashed.
 */
export function maskingNotice(piiAccess: boolean, masked: boolean, rows: readonly Record<string, unknown>[]): MaskingNotice | null {
  if (!piiAccess)
    return {
      badge: 'PII masked',
      reason: 'Your role does not include PII access',
      text: 'Personal data hidden: your role has no PII access, so e-mail addresses and phone numbers are not shown.',
    };
  if (masked)
    return {
      badge: 'PII masked',
      reason: 'The copy of Customer 360 on this laptop was pulled pseudonymised. Pull Customer 360 again to see personal data.',
      text: 'Your role may see personal data, but the copy of Customer 360 on this laptop was pulled pseudonymised (by a role without PII access). Pull Customer 360 again to see e-mail addresses.',
    };
  if (emailContent(rows) === 'addresses') return { badge: null, reason: null, text: 'Your role has PII access: e-mail addresses are shown.' };
  return null;
}
