import { describe, expect, it } from 'vitest';
import { channelName, humanize, pathName, platformName } from './display-names';

describe('display names', () => {
  it('names channels in words', () => {
    expect(channelName('paid_social')).toBe('Paid social');
    expect(channelName('email')).toBe('Email');
    expect(channelName('retail_media')).toBe('Retail media');
    expect(channelName(null)).toBe('Unknown channel');
  });

  it('names platforms by their brand, unknown ones in capitalised words', () => {
    // Every platform the demo mesh's campaign plan uses (fixtures/generator/campaign-plan.ts).
    expect(platformName('google_ads')).toBe('Google Ads');
    expect(platformName('meta')).toBe('Meta');
    expect(platformName('tiktok')).toBe('TikTok');
    expect(platformName('dv360')).toBe('Display & Video 360');
    expect(platformName('microsoft_ads')).toBe('Microsoft Ads');
    expect(platformName('youtube')).toBe('YouTube');
    expect(platformName('criteo')).toBe('Criteo');
    expect(platformName('awin')).toBe('Awin');
    expect(platformName('braze')).toBe('Braze');
    expect(platformName('linkedin')).toBe('LinkedIn');
    expect(platformName('snap_ads')).toBe('Snap Ads');
    expect(platformName('retail-media_network')).toBe('Retail Media Network');
    expect(platformName('__')).toBe('__');
    expect(platformName(null)).toBe('Unknown platform');
    expect(platformName('')).toBe('Unknown platform');
  });

  it('humanizes unknown ids and keeps odd ones readable', () => {
    expect(humanize('lifecycle_stage')).toBe('Lifecycle stage');
    expect(humanize('__')).toBe('__');
  });

  it('writes paths as named steps', () => {
    expect(pathName('paid_social > email > direct')).toBe('Paid social → Email → Direct');
  });
});
