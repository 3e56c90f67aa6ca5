/**
 * Instants cross into SQL as naive UTC `YYYY-MM-DD HH:MM:SS.ffffff` strings cast to TIMESTAMP:
 * DuckDB's string-to-TIMESTAMP cast ignores a `+02:00` offset, so offsets are applied here.
 * Accepted: `2026-06-30`, `2026-06-30T12:00Z`, `2026-06-30T12:00:00.123456+02:00`, and the same
 * with a space for `T`; no zone means UTC. Impossible dates (`2026-02-30`) are rejected.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export function toUtcTimestamp(value: string): string | null {
  const m = ISO.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, hh = '00', mm = '00', ss = '00', frac = '', zone] = m;
  const fields = [y, mo, d, hh, mm, ss].map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  const check = new Date(ms);
  if (check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return null;
  let offsetMinutes = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const utc = new Date(ms - offsetMinutes * 60_000).toISOString();
  const micros = (frac.slice(1) + '000000').slice(0, 6);
  return `${utc.slice(0, 10)} ${utc.slice(11, 19)}.${micros}`;
}
