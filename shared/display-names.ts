/**
 * Names people read instead of ids. Channels are lower-case snake case in the data (SPEC
 * section 1); screens, charts and exports' labels show them as words. The raw id stays
 * available to a tooltip through `title`.
 */
const CHANNEL_NAMES: Record<string, string> = {
  paid_social: 'Paid social',
  paid_search: 'Paid search',
  organic_search: 'Organic search',
  organic_social: 'Organic social',
  display: 'Display',
  email: 'Email',
  affiliate: 'Affiliate',
  referral: 'Referral',
  video: 'Video',
  direct: 'Direct',
  sms: 'SMS',
  push: 'Push notifications',
  ctv: 'Connected TV',
  ooh: 'Out of home',
  '(none)': 'No channel',
};

/** `some_id_here` -> "Some id here": the fallback for ids without a curated name. */
export function humanize(id: string): string {
  const words = id.replace(/[_-]+/g, ' ').trim();
  return words === '' ? id : words.charAt(0).toUpperCase() + words.slice(1);
}

export function channelName(id: string | null | undefined): string {
  if (id === null || id === undefined || id === '') return 'Unknown channel';
  return CHANNEL_NAMES[id] ?? humanize(id);
}

const PLATFORM_NAMES: Record<string, string> = {
  google_ads: 'Google Ads',
  meta: 'Meta',
  facebook: 'Facebook',
  instagram: 'Instagram',
  tiktok: 'TikTok',
  linkedin: 'LinkedIn',
  snapchat: 'Snapchat',
  pinterest: 'Pinterest',
  reddit: 'Reddit',
  x: 'X (Twitter)',
  twitter: 'X (Twitter)',
  youtube: 'YouTube',
  microsoft_ads: 'Microsoft Ads',
  bing_ads: 'Microsoft Ads',
  amazon_ads: 'Amazon Ads',
  dv360: 'Display & Video 360',
  the_trade_desk: 'The Trade Desk',
  criteo: 'Criteo',
  awin: 'Awin',
  braze: 'Braze',
  klaviyo: 'Klaviyo',
  salesforce_marketing_cloud: 'Salesforce Marketing Cloud',
};

/**
 * An ad or messaging platform by its brand name ("google_ads" -> "Google Ads"). Unknown ids get
 * every word capitalised, as brand names are ("snap_ads" -> "Snap Ads"), not sentence case.
 */
export function platformName(id: string | null | undefined): string {
  if (id === null || id === undefined || id === '') return 'Unknown platform';
  const known = PLATFORM_NAMES[id];
  if (known) return known;
  const words = id.split(/[_-]+/).filter((w) => w !== '');
  return words.length === 0 ? id : words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** A conversion path "paid_social > email > direct" with channel names: "Paid social → Email → Direct". */
export function pathName(path: string): string {
  return path
    .split(' > ')
    .map((c) => channelName(c))
    .join(' → ');
}

const PURPOSE_NAMES: Record<string, string> = { ads: 'advertising', email: 'marketing e-mail', analytics: 'analytics' };

/** A consent purpose as a sentence reads it: "withdrawn consent for advertising". */
export function consentPurposeName(purpose: string | null | undefined): string {
  if (!purpose) return 'the destination';
  return PURPOSE_NAMES[purpose] ?? humanize(purpose).toLowerCase();
}
