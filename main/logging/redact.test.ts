import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from './redact';

describe('redactText', () => {
  it('masks bearer and basic credentials but keeps the scheme', () => {
    expect(redactText('Authorization: Bearer abc.DEF-123_~+/=')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText('basic dXNlcjpwYXNz failed')).toBe(`basic ${REDACTED} failed`);
  });

  it("masks the mesh node's tokens wherever they appear", () => {
    expect(redactText('token mw_privacy_officer_AbCdEfGhIjKlMnOpQrSt rejected')).toBe(`token ${REDACTED} rejected`);
  });

  it('masks user-info in URLs and secret query parameters, keeping host and path', () => {
    expect(redactText('GET https://ana:s3cret@mesh.example.com/v1/me')).toBe(`GET https://${REDACTED}@mesh.example.com/v1/me`);
    expect(redactText('http://127.0.0.1:9/files/a.parquet?sig=deadbeef&expires=5')).toBe(`http://127.0.0.1:9/files/a.parquet?sig=${REDACTED}&expires=5`);
    expect(redactText('https://x.io/cb?access_token=zzz#top')).toBe(`https://x.io/cb?access_token=${REDACTED}#top`);
  });

  it('masks e-mail addresses', () => {
    expect(redactText('no consent for Jane.Doe+ads@example.co.uk, skipped')).toBe(`no consent for ${REDACTED}, skipped`);
  });

  it('masks phone numbers in common notations', () => {
    expect(redactText('call +1 415-555-0100 now')).toBe(`call ${REDACTED} now`);
    expect(redactText('tel +4915112345678')).toBe(`tel ${REDACTED}`);
    expect(redactText('(030) 123 4567 office')).toBe(`${REDACTED} office`);
    expect(redactText('fax 030.123.4567')).toBe(`fax ${REDACTED}`);
  });

  it('leaves counts, sizes, versions, dates, ids and hashes alone', () => {
    const line =
      'pulled customers 2026-06-30 2026-06-30T00:00:00Z v3 in 1234 ms: 26000000 rows, 1.5.6 engine, c_000123, port 51234, 1234 5678 rows, 127.0.0.1:8080, sha 9f86d081884c7d65';
    expect(redactText(line)).toBe(line);
  });
});

describe('redactValue', () => {
  it('replaces secret-named keys at any depth, whatever their shape', () => {
    const out = redactValue({
      url: 'http://mesh',
      headers: { Authorization: 'Bearer x', 'Idempotency-Key': 'k1', 'content-type': 'application/json' },
      connection: { sealedToken: 'AAAA', token: 'mw_marketer_xxxxxxxxxxxxxxxxxxxx', name: 'prod' },
      api_key: 42,
    });
    expect(out).toEqual({
      url: 'http://mesh',
      headers: { Authorization: REDACTED, 'Idempotency-Key': REDACTED, 'content-type': 'application/json' },
      connection: { sealedToken: REDACTED, token: REDACTED, name: 'prod' },
      api_key: REDACTED,
    });
  });

  it('masks PII-named keys even where the value does not look like PII, and strings everywhere', () => {
    expect(redactValue({ email: 'not-an-address', phone: null, note: ['mail a@b.io'] })).toEqual({ email: REDACTED, phone: null, note: [`mail ${REDACTED}`] });
  });

  it('flattens errors and scrubs their message, stack and cause', () => {
    const cause = new Error('401 for Bearer abc123');
    const error = Object.assign(new Error('could not reach https://u:p@mesh.io for a@b.io', { cause }), { code: 'unauthorized' });
    const out = redactValue({ err: error }) as { err: Record<string, unknown> };
    expect(out.err.type).toBe('Error');
    expect(out.err.message).toBe(`could not reach https://${REDACTED}@mesh.io for ${REDACTED}`);
    expect(out.err.code).toBe('unauthorized');
    expect(String(out.err.stack)).not.toContain('a@b.io');
    expect(String(out.err.stack)).not.toContain('u:p@');
    expect((out.err.cause as Record<string, unknown>).message).toBe(`401 for Bearer ${REDACTED}`);
  });

  it('cuts cycles instead of following them', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(redactValue(a)).toEqual({ name: 'a', self: '[circular]' });
  });
});
