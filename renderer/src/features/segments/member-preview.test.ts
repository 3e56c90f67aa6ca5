import { describe, expect, it } from 'vitest';
import { maskingNotice, previewRows } from './member-preview';

const HASH = 'a'.repeat(64);
const raw = {
  customer_id: 'c_1',
  email: 'ann@example.com',
  email_sha256: HASH,
  country: 'US',
  lifecycle_stage: 'mql',
  signup_at: '2026-01-10T00:00:00.000Z',
  ltv: 600,
  acquisition_channel: 'paid_social',
};

describe('member preview for people', () => {
  it('leads with country, stage and readable dates; ids go to the tooltip', () => {
    const [row] = previewRows([raw]);
    expect(row).toEqual({
      name: null,
      email: 'ann@example.com',
      country: 'United States',
      stage: 'MQL',
      signedUp: 'Jan 10, 2026',
      ltv: '$600.00',
      channel: 'Paid social',
      ids: `Customer ID c_1 · hashed e-mail ${HASH}`,
    });
    expect(previewRows([{ ...raw, first_name: 'Ann', last_name: 'Lee' }])[0]?.name).toBe('Ann Lee');
  });

  it('says what the data holds for the role, not what the role implies', () => {
    expect(maskingNotice(false, [{ ...raw, email: '***' }])?.badge).toBe('Personal data hidden');
    // A privacy officer reading an extract pulled by a marketer: the e-mail column holds hashes.
    const stale = maskingNotice(true, [{ ...raw, email: HASH }]);
    expect(stale?.badge).toBe('Extract without personal data');
    expect(stale?.text).toMatch(/Pull Customer 360 again/);
    expect(previewRows([{ ...raw, email: HASH }])[0]?.email).toBeNull();
    // After the re-pull, addresses: no masking badge.
    expect(maskingNotice(true, [raw])).toEqual({ badge: null, text: 'Your role has PII access: e-mail addresses are shown.' });
  });
});
