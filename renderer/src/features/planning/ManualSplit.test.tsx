// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BudgetResult } from '../../../../shared/analysis/budget/run-budget';
import { ManualSplit } from './ManualSplit';

afterEach(cleanup);

// Two channels with shape-1 curves and no carry-over: f(s) = beta * s / (s + K).
//   a: baseline 10, beta 100, K 50      b: baseline 0, beta 60, K 100
// Recommended 50 + 50: a earns 10 + 50 = 60, b earns 20 -> total 80.
function channel(name: string, model: BudgetResult['channels'][number]['model'], spend: number): BudgetResult['channels'][number] {
  return {
    channel: name,
    current_weekly_spend: spend,
    recommended_weekly_spend: spend,
    expected_weekly_current: 0,
    expected_weekly_recommended: 0,
    roi_current: null,
    roi_recommended: null,
    marginal_roi_current: null,
    marginal_roi_recommended: null,
    curve: [],
    fit: { r2: null, mape: null },
    model,
    warnings: [],
  };
}

const result: BudgetResult = {
  kind: 'budget',
  metric: 'conversions',
  weeks: 1,
  budget: 100,
  channels: [
    channel('a', { decay: 0, shape: 1, half_saturation: 50, baseline: 10, beta: 100 }, 50),
    channel('b', { decay: 0, shape: 1, half_saturation: 100, baseline: 0, beta: 60 }, 50),
  ],
  total: { expected_weekly_current: 70, expected_weekly_recommended: 80, lift: 10, lift_ci: [5, 15] },
};

describe('ManualSplit', () => {
  it('starts at the recommendation and re-evaluates the curves as a slider moves budget between channels', () => {
    render(
      <ManualSplit
        result={result}
        limits={[
          { lo: 0, hi: 100 },
          { lo: 0, hi: 100 },
        ]}
      />,
    );
    const total = () => Number(screen.getByTestId('plan-manual-total').getAttribute('data-value'));
    expect(total()).toBeCloseTo(80, 12);
    // a to 75, so b gives 25: a = 10 + 100 * 75 / 125 = 70, b = 60 * 25 / 125 = 12 -> 82
    fireEvent.change(screen.getByTestId('plan-slider-a'), { target: { value: '75' } });
    expect(total()).toBeCloseTo(82, 12);
    expect(screen.getByTestId('plan-slider-b-value').textContent).toBe('$25.00');
    fireEvent.click(screen.getByTestId('plan-manual-reset'));
    expect(total()).toBeCloseTo(80, 12);
  });
});
