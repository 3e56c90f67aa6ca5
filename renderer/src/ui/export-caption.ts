/**
 * The words printed above an exported chart: its title, the date range and the filters in force,
 * so a PNG pasted into a deck still says what it shows. Pure, so the wording is tested without a
 * canvas; Chart.tsx draws it.
 */
import { formatDate } from '../../../shared/format';

export interface ExportCaption {
  title: string;
  lines: string[];
}

export interface CaptionFilter {
  /** Plural name of what is filtered, lower case ("channels"). */
  label: string;
  /** Display names of the chosen values; empty means all. */
  values: readonly string[];
}

const SHOWN = 3;

/** "channels, platforms and campaigns". */
function and(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function list(values: readonly string[]): string {
  if (values.length <= SHOWN) return values.join(', ');
  return `${values.slice(0, SHOWN).join(', ')} and ${values.length - SHOWN} more`;
}

export function exportCaption(title: string, range: { from: string; to: string } | null, filters: readonly CaptionFilter[] = []): ExportCaption {
  const lines: string[] = [];
  if (range) lines.push(range.from === range.to ? formatDate(range.from) : `${formatDate(range.from)} – ${formatDate(range.to)}`);
  const chosen = filters.filter((f) => f.values.length > 0);
  if (filters.length > 0) {
    lines.push(
      chosen.length === 0
        ? `All ${and(filters.map((f) => f.label))}`
        : chosen.map((f) => `${f.label.charAt(0).toUpperCase()}${f.label.slice(1)}: ${list(f.values)}`).join(' · '),
    );
  }
  return { title, lines };
}
