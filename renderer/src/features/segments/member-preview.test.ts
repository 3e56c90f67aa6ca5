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

  it('says why personal data is masked: the role, or a copy pulled pseudonymised', () => {
    // A marketer: no PII access, whatever the extract holds.
    const role = maskingNotice(false, true, [{ ...raw, email: '***' }]);
    expect(role?.badge).toBe('PII masked');
    expect(role?.reason).toBe('Your role does not include PII access');
    expect(role?.text).toMatch(/^Personal data hidden/);
    // A privacy officer reading an extract a marketer pulled: the role may, the copy does not.
    const stale = maskingNotice(true, true, [{ ...raw, email: HASH }]);
    expect(stale?.badge).toBe('PII masked');
    expect(stale?.reason).toMatch(/copy of Customer 360 on this laptop was pulled pseudonymised/);
    expect(stale?.reason).not.toMatch(/role does not/);
    expect(stale?.text).toMatch(/Pull Customer 360 again/);
    // The same when the pull withheld e-mail instead of hashing it: the answer's flag decides, not the rows.
    expect(maskingNotice(true, true, [{ ...raw, email: null }])?.reason).toMatch(/pulled pseudonymised/);
    expect(previewRows([{ ...raw, email: HASH }])[0]?.email).toBeNull();
    // After the re-pull, addresses: no masking badge.
    expect(maskingNotice(true, false, [raw])).toEqual({ badge: null, reason: null, text: 'Your role has PII access: e-mail addresses are shown.' });
    expect(maskingNotice(true, false, [{ ...raw, email: null }])).toBeNull();
  });
});
