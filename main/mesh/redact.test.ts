import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText } from './redact';

describe('redacting secrets from messages', () => {
  it('removes user-info from URLs and keeps the host', () => {
    expect(redactText('Cannot reach http://maya:s3cret@mesh.example.com:8080/v1/me now')).toBe(
      `Cannot reach http://${REDACTED}@mesh.example.com:8080/v1/me now`,
    );
    expect(redactText('https://tok123456@host/x')).toBe(`https://${REDACTED}@host/x`);
    expect(redactText('mail maya@example.com')).toBe('mail maya@example.com');
  });

  it('removes known secrets wherever they appear, and bearer values', () => {
    expect(redactText('token abcdef123 is unknown', ['abcdef123'])).toBe(`token ${REDACTED} is unknown`);
    expect(redactText('sent Authorization: Bearer xyz.987-abc')).toBe(`sent Authorization: Bearer ${REDACTED}`);
    // Very short "secrets" would eat ordinary words; real tokens are long.
    expect(redactText('a b c', ['a'])).toBe('a b c');
  });

  it('redacts every string in a structured value', () => {
    expect(redactDeep({ url: 'http://u:p@h', list: ['abcdef123'], n: 1 }, ['abcdef123'])).toEqual({ url: `http://${REDACTED}@h`, list: [REDACTED], n: 1 });
  });
});
