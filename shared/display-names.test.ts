import { describe, expect, it } from 'vitest';
import { channelName, humanize, pathName } from './display-names';

describe('display names', () => {
  it('names channels in words', () => {
    expect(channelName('paid_social')).toBe('Paid social');
    expect(channelName('email')).toBe('Email');
    expect(channelName('retail_media')).toBe('Retail media');
    expect(channelName(null)).toBe('Unknown channel');
  });

  it('humanizes unknown ids and keeps odd ones readable', () => {
    expect(humanize('lifecycle_stage')).toBe('Lifecycle stage');
    expect(humanize('__')).toBe('__');
  });

  it('writes paths as named steps', () => {
    expect(pathName('paid_social > email > direct')).toBe('Paid social → Email → Direct');
  });
});
