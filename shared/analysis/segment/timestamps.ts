/**
 * Instants cross into SQL as naive UTC `YYYY-MM-DD HH:MM:SS.ffffff` strings cast to TIMESTAMP:
 * DuckDB's string-to-TIMESTAMP cast ignores a `+02:00` offset, so offsets are applied here.
 */
const ISO_WITH_ZONE = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function toUtcTimestamp(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value} 00:00:00`;
  const m = ISO_WITH_ZONE.exec(value.trim());
  if (!m) return null;
  const [, date, hh, mm, ss = '00', frac = '', zone] = m;
  const micros = (frac.slice(1) + '000000').slice(0, 6);
  if (!zone || zone.toUpperCase() === 'Z') return `${date} ${hh}:${mm}:${ss}.${micros}`;
  const ms = Date.parse(`${date}T${hh}:${mm}:${ss}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(ms)) return null;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}.${micros}`;
}
