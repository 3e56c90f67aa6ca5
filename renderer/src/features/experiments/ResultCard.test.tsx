// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MetricSpec } from './experiment-spec';
import { ResultCard, type MetricResult } from './ResultCard';

afterEach(cleanup);

const aov: MetricSpec = {
  name: 'aov',
  type: 'ratio',
  numerator: { conversion_type: 'purchase', value: 'revenue' },
  denominator: { conversion_type: 'purchase', value: 'count' },
  guardrail: true,
  cap: { type: 'absolute', value: 500 },
};
const result: MetricResult = {
  name: 'aov',
  variants: [
    { variant: 'control', users: 1000, mean: 100 },
    {
      variant: 'treatment',
      users: 1000,
      mean: 80,
      diff: -20,
      diff_ci: [-30, -10],
      p_value: 0.0001,
      rel_lift: -0.2,
      rel_lift_ci: [-0.3, -0.1],
      rel_p_value: 0.0002,
      guardrail_harm: true,
    },
    { variant: 'tiny', users: 1, mean: 0, error: 'fewer than 2 users in tiny' },
  ],
  uncapped: {
    variants: [
      { variant: 'control', users: 1000, mean: 120 },
      {
        variant: 'treatment',
        users: 1000,
        mean: 110,
        diff: -10,
        diff_ci: [-40, 20],
        p_value: 0.5,
        rel_lift: -0.083,
        rel_lift_ci: [-0.33, 0.17],
        rel_p_value: 0.52,
      },
    ],
  },
};
const ctx = { alpha: 0.05, engine: 'frequentist' as const, correction: 'none' as const, comparisons: 2 };

describe('ResultCard', () => {
  it('shows the sentence, the row and the guardrail harm from the same numbers', () => {
    render(<ResultCard metric={aov} result={result} ctx={ctx} reduction={undefined} blocked={false} onChange={() => undefined} />);
    expect(screen.getByTestId('exp-harm-aov').textContent).toMatch(/^Guardrail harmed: treatment made aov significantly lower/);
    const sentence = screen.getByTestId('exp-readout-aov-treatment');
    expect(sentence.textContent).toBe('Treatment lowered aov from $100.00 to $80.00 (-20%, 95% CI -30% to -10%, p < 0.001).');
    expect(sentence.getAttribute('data-verdict')).toBe('worse');
    const row = screen.getByTestId('exp-row-aov-treatment');
    expect(row.getAttribute('data-shown-interval')).toBe('-0.3,-0.1');
    expect(row.getAttribute('data-shown-p')).toBe('0.0002');
    expect(row.textContent).toContain('-$20.00');
    expect(screen.getByTestId('exp-readout-aov-tiny').textContent).toContain('tiny has fewer than 2 users');
  });

  it('puts the uncapped result beside the capped one, each read on its own numbers', () => {
    render(<ResultCard metric={aov} result={result} ctx={ctx} reduction={undefined} blocked={false} onChange={() => undefined} />);
    expect(screen.getByTestId('exp-capping-aov').textContent).toContain('Capped (at 500)');
    const row = screen.getByTestId('exp-capping-aov-treatment');
    expect(row.getAttribute('data-verdict')).toBe('worse');
    expect(row.getAttribute('data-uncapped-verdict')).toBe('unclear');
    expect(row.textContent).toContain('$80.00');
    expect(row.textContent).toContain('$110.00');
    expect(screen.getByTestId('exp-row-aov-treatment').getAttribute('data-verdict')).toBe('worse');
  });

  it('flips the verdict for lower is better and reports the toggles', () => {
    const onChange = vi.fn();
    render(<ResultCard metric={{ ...aov, inverse: true }} result={result} ctx={ctx} reduction={undefined} blocked={false} onChange={onChange} />);
    expect(screen.getByTestId('exp-readout-aov-treatment').getAttribute('data-verdict')).toBe('better');
    fireEvent.click(screen.getByTestId('exp-inverse-aov'));
    expect(onChange).toHaveBeenCalledWith({ inverse: false });
    fireEvent.change(screen.getByTestId('exp-cap-aov'), { target: { value: 'percentile' } });
    expect(onChange).toHaveBeenLastCalledWith({ cap: { type: 'percentile', value: 0.99 } });
  });

  it('shows no sentence under a sample ratio mismatch, and only arms and users when the data cannot measure anything', () => {
    const { unmount } = render(<ResultCard metric={aov} result={result} ctx={ctx} reduction={undefined} blocked onChange={() => undefined} />);
    expect(screen.queryByTestId('exp-readout-aov-treatment')).toBeNull();
    unmount();
    render(<ResultCard metric={aov} result={result} ctx={ctx} reduction={undefined} blocked={false} unreadable onChange={() => undefined} />);
    expect(screen.queryByTestId('exp-readout-aov-treatment')).toBeNull();
    expect(screen.queryByTestId('exp-harm-aov')).toBeNull();
    expect(screen.getByTestId('exp-row-aov-treatment').textContent).toBe('treatment1,000');
  });
});
