import { useId, useState } from 'react';
import { formatNumberInput, parseNumberInput, type NumberRules } from './number-input';

interface NumberFieldProps extends NumberRules {
  value: number | undefined;
  /** Called only with valid values; while the text is invalid the last valid value stays in force. */
  onChange: (value: number | undefined) => void;
  /** Visible label; omit inside a sentence and give `ariaLabel` instead. */
  label?: string;
  ariaLabel?: string;
  placeholder?: string;
  className?: string;
  step?: number | 'any';
  testId?: string;
  /** A problem found elsewhere (the engine refused the value), in plain words; the field's own check wins. */
  error?: string | undefined;
}

/**
 * The one numeric input of the app. It keeps the text the user types (clearing the field and
 * typing 14 gives 14), passes on only valid numbers, and says at the field what range is allowed
 * when the text is not one of them.
 */
export function NumberField({ value, onChange, label, ariaLabel, placeholder, className, step, testId, error: outside, ...rules }: NumberFieldProps) {
  const [text, setText] = useState(() => formatNumberInput(value));
  const [local, setError] = useState<string | null>(null);
  const error = local ?? outside ?? null;
  const errorId = useId();

  // A value changed from outside (a reset, a loaded spec) replaces the text unless the text
  // already means that value (so "7." or "07" being typed is left alone). Adjusting state while
  // rendering, as React recommends for props that reset state, avoids an effect and a flash.
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    const parsed = parseNumberInput(text, rules);
    if (!(parsed.ok && parsed.value === value)) {
      setText(formatNumberInput(value));
      setError(null);
    }
  }

  const input = (
    <input
      type="text"
      inputMode={rules.integer ? 'numeric' : 'decimal'}
      className={className}
      value={text}
      placeholder={placeholder}
      aria-label={label ? undefined : ariaLabel}
      aria-invalid={error !== null}
      aria-describedby={error ? errorId : undefined}
      data-testid={testId}
      data-step={step}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        const parsed = parseNumberInput(next, rules);
        if (parsed.ok) {
          setError(null);
          if (parsed.value !== value) onChange(parsed.value);
        } else {
          setError(parsed.message);
        }
      }}
    />
  );
  const message = error && (
    <span className="field-error" id={errorId} role="alert" data-testid={testId ? `${testId}-error` : undefined}>
      {error}
    </span>
  );
  if (label) {
    return (
      <label className="field">
        {label}
        {input}
        {message}
      </label>
    );
  }
  return (
    <span className="field-inline-number">
      {input}
      {message}
    </span>
  );
}
