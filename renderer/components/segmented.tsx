import { useId } from 'react';

export interface SegmentedProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly { readonly value: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly testId?: string | undefined;
}

/** A radio group drawn as a segmented control; arrow keys move between options (native radio behaviour). */
export function Segmented<T extends string>({ label, value, options, onChange, testId }: SegmentedProps<T>) {
  const name = useId();
  return (
    <fieldset className="segmented" data-testid={testId}>
      <legend className="field__label">{label}</legend>
      <div className="segmented__options">
        {options.map((option) => (
          <label key={option.value} className={`segmented__option ${option.value === value ? 'is-selected' : ''}`}>
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
