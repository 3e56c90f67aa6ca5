import { useId, useState } from 'react';

interface ValueChipsProps {
  /** The values to pick from (a product's distinct values); null when any text may be typed. */
  options: readonly string[] | null;
  value: readonly string[];
  onChange: (values: string[]) => void;
  /** How a value reads on screen (the raw value stays in the tooltip). */
  label: (value: string) => string;
  testId: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}

/**
 * Several values as chips: type to filter the known values (by their label or the raw value),
 * click or Enter to add, × or Backspace to remove. Without a list of known values, Enter adds
 * what was typed.
 */
export function ValueChips({ options, value, onChange, label, testId, invalid, describedBy }: ValueChipsProps) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const listId = useId();
  const query = text.trim().toLowerCase();
  const matches = (options ?? [])
    .filter((o) => !value.includes(o))
    .filter((o) => query === '' || o.toLowerCase().includes(query) || label(o).toLowerCase().includes(query))
    .slice(0, 50);
  const add = (v: string) => {
    if (v === '' || value.includes(v)) return;
    onChange([...value, v]);
    setText('');
  };
  return (
    <div className={invalid ? 'chips chips-invalid' : 'chips'} data-testid={testId}>
      {value.map((v) => (
        <span key={v} className="chip" title={v} data-testid={`${testId}-chip`} data-value={v}>
          {label(v)}
          <button type="button" aria-label={`Remove ${label(v)}`} onClick={() => onChange(value.filter((x) => x !== v))}>
            ×
          </button>
        </span>
      ))}
      <input
        type="text"
        role="combobox"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-label="Values"
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder={value.length === 0 ? (options ? 'Type to search…' : 'Type a value, then Enter') : ''}
        value={text}
        data-testid={`${testId}-search`}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (options) add(matches[0] ?? '');
            else add(text.trim());
          } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
            onChange(value.slice(0, -1));
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && matches.length > 0 && (
        <ul className="chips-list" role="listbox" id={listId}>
          {matches.map((o) => (
            <li
              key={o}
              role="option"
              aria-selected={false}
              title={o}
              data-testid={`${testId}-option`}
              data-value={o}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                add(o);
              }}
            >
              {label(o)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
