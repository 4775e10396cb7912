import { useId, type ReactNode } from 'react';

export interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Shown under the field in the error colour; the input is marked invalid. */
  readonly error?: string | null;
  readonly hint?: ReactNode | undefined;
  /** Unit shown after the input, e.g. "%" or "×". */
  readonly unit?: string | undefined;
  readonly inputMode?: 'decimal' | 'numeric' | 'text';
  readonly testId?: string | undefined;
  readonly autoComplete?: string | undefined;
  readonly type?: 'text' | 'password';
  readonly placeholder?: string | undefined;
  readonly autoFocus?: boolean | undefined;
}

/** A labelled text input with its error and hint below it, wired for screen readers. */
export function Field(props: FieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = props.error !== undefined && props.error !== null;
  const describedBy = [invalid ? errorId : null, props.hint !== undefined ? hintId : null].filter(Boolean).join(' ');
  return (
    <div className={`field ${invalid ? 'field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <div className="field__control">
        <input
          id={id}
          className="field__input"
          type={props.type ?? 'text'}
          inputMode={props.inputMode ?? 'decimal'}
          value={props.value}
          placeholder={props.placeholder}
          autoComplete={props.autoComplete ?? 'off'}
          spellCheck={false}
          autoFocus={props.autoFocus}
          aria-invalid={invalid}
          aria-describedby={describedBy === '' ? undefined : describedBy}
          onChange={(event) => props.onChange(event.target.value)}
          data-testid={props.testId}
        />
        {props.unit !== undefined && <span className="field__unit">{props.unit}</span>}
      </div>
      {invalid && (
        <p
          className="field__error"
          id={errorId}
          role="alert"
          data-testid={props.testId !== undefined ? `${props.testId}-error` : undefined}
        >
          {props.error}
        </p>
      )}
      {props.hint !== undefined && (
        <p className="field__hint" id={hintId}>
          {props.hint}
        </p>
      )}
    </div>
  );
}
