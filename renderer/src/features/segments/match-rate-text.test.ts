import { describe, expect, it } from 'vitest';
import { matchDetail, matchShare } from './match-rate-text';

describe('match rate in words', () => {
  it('reads as the share with what it is made of', () => {
    const rate = { members: 13_100, matchable: 8_120, identifier: 'email_sha256', purpose: 'ads', missing: [] };
    // 8,120 / 13,100 = 0.6198 -> ~62%
    expect(matchShare(rate)).toBe('~62%');
    expect(matchDetail(rate)).toBe('8,120 of 13,100 have a hashed e-mail and ads consent');
  });

  it('says why there is no estimate instead of showing 0%', () => {
    expect(matchDetail({ members: 10, matchable: 0, identifier: 'mobile_ad_id', purpose: 'ads', missing: ['mobile_ad_id'] })).toBe(
      'Cannot estimate: your Customer 360 extract has no mobile_ad_id column.',
    );
    expect(matchShare({ members: 0, matchable: 0 })).toBe('—');
  });
});
