/**
 * Instants cross into SQL as naive UTC `YYYY-MM-DD HH:MM:SS.ffffff` strings cast to TIMESTAMP:
 * DuckDB's string-to-TIMESTAMP cast ignores a `+02:00` offset, so offsets are applied here.
 * Accepted: `2026-06-30`, `2026-06-30T12:00Z`, `2026-06-30T12:00:00.123456+02:00`, and the same
 * with a space for `T`; no zone means UTC. Impossible dates (`2026-02-30`, `2026-13-01`),
 * offsets beyond +-14:00 (the widest zone in use) or with minutes over 59, and instants outside
 * the years 0001-9999 are rejected.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function toUtcTimestamp(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, hh = '00', mm = '00', ss = '00', frac = '', zone] = m;
  const fields = [y, mo, d, hh, mm, ss].map(Number) as [number, number, number, number, number, number];
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const check = new Date(Date.UTC(2000, 0, 1, fields[3], fields[4], fields[5]));
  check.setUTCFullYear(fields[0], fields[1] - 1, fields[2]);
  const ms = check.getTime();
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    fields[3] > 23 ||
    fields[4] > 59 ||
    fields[5] > 59
  )
    return null;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2, 4));
    if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
    offsetMinutes = sign * (hours * 60 + minutes);
  }
  const instant = new Date(ms - offsetMinutes * 60_000);
  const year = instant.getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  const utc = instant.toISOString();
  const micros = (frac.slice(1) + '000000').slice(0, 6);
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}.${micros}`;
}
