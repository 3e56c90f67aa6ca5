// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NumberField } from './NumberField';

afterEach(cleanup);

function Harness({ onValue }: { onValue: (v: number | undefined) => void }) {
  const [value, setValue] = useState<number | undefined>(28);
  return (
    <>
      <NumberField
        label="Window (days)"
        min={1}
        max={365}
        integer
        unit="days"
        value={value}
        testId="w"
        onChange={(v) => {
          setValue(v);
          onValue(v);
        }}
      />
      <button type="button" onClick={() => setValue(7)}>
        reset
      </button>
      <output data-testid="stored">{String(value)}</output>
    </>
  );
}

describe('NumberField', () => {
  it('keeps what the user types: clearing the field and typing 14 gives 14', () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} />);
    const input = screen.getByTestId('w') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '' } });
    expect(input.value).toBe('');
    expect(screen.getByTestId('w-error').textContent).toBe('Enter a whole number between 1 and 365 days.');
    fireEvent.change(input, { target: { value: '1' } });
    fireEvent.change(input, { target: { value: '14' } });
    expect(input.value).toBe('14');
    expect(screen.getByTestId('stored').textContent).toBe('14');
    expect(onValue.mock.calls.map((c) => c[0])).toEqual([1, 14]);
    expect(screen.queryByTestId('w-error')).toBeNull();
  });

  it('explains an out-of-range value at the field and keeps the last valid value', () => {
    const onValue = vi.fn();
    render(<Harness onValue={onValue} />);
    const input = screen.getByTestId('w') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '-5' } });
    expect(input.value).toBe('-5');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('Use a value between 1 and 365 days.');
    expect(screen.getByTestId('stored').textContent).toBe('28');
    expect(onValue).not.toHaveBeenCalled();
  });

  it('shows a value set from outside', () => {
    render(<Harness onValue={() => undefined} />);
    fireEvent.click(screen.getByText('reset'));
    expect((screen.getByTestId('w') as HTMLInputElement).value).toBe('7');
  });
});

describe('NumberField with an error from elsewhere', () => {
  it('shows the engine refusal at the field until its own check finds a problem', () => {
    render(
      <NumberField label="Effect to detect" min={0} max={10} value={0} onChange={() => undefined} error="Effect to detect must be more than 0." testId="e" />,
    );
    expect(screen.getByTestId('e-error').textContent).toBe('Effect to detect must be more than 0.');
    expect(screen.getByTestId('e').getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByTestId('e'), { target: { value: 'abc' } });
    expect(screen.getByTestId('e-error').textContent).not.toBe('Effect to detect must be more than 0.');
  });
});
