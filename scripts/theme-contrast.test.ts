import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** WCAG 2.1 relative luminance and contrast ratio of two #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const css = readFileSync(resolve(import.meta.dirname, '../renderer/src/styles/app.css'), 'utf8');
function theme(selector: string): Record<string, string> {
  const block = css.slice(css.indexOf(selector)).split('}')[0] ?? '';
  return Object.fromEntries([...block.matchAll(/--([a-z0-9-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1] as string, (m[2] as string).toLowerCase()]));
}

describe('theme colours', () => {
  const light = theme(':root {');
  const dark = { ...light, ...theme(":root[data-theme='dark']") };

  for (const [name, t] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`text, muted text and the good/bad/warn deltas read at 4.5:1 on panels and the page (${name})`, () => {
      for (const fg of ['text', 'muted', 'good', 'bad']) {
        for (const bg of ['panel', 'bg']) {
          expect(contrast(t[fg] as string, t[bg] as string), `${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    });
  }

  it('computes the WCAG ratio correctly', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
