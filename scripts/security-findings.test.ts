import { describe, expect, it } from 'vitest';
import { blockingFindings, parseFindings } from './security-findings';

const REPORT = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","FIRM","index.html","6:0","default-src 'self', x","One or more CSP directives detected seems to be vulnerable",https://x
LIMIT_NAVIGATION_GLOBAL_CHECK,"HIGH","CERTAIN","N/A","0:0",N/A,"Missing navigation limits",https://y
`;

describe('electronegativity report', () => {
  it('reads quoted cells with commas and flags HIGH/MEDIUM only', () => {
    const findings = parseFindings(REPORT);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ issue: 'CSP_GLOBAL_CHECK', severity: 'LOW', file: 'index.html' });
    expect(blockingFindings(findings).map((f) => f.issue)).toEqual(['LIMIT_NAVIGATION_GLOBAL_CHECK']);
  });
});
