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

/** What the control inside a `FieldFrame` is given to wire itself to its label, error and hint. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

export interface FieldFrameProps {
  readonly label: string;
  readonly error?: string | null | undefined;
  readonly hint?: ReactNode | undefined;
  readonly testId?: string | undefined;
  readonly children: (control: FieldControlProps) => ReactNode;
}

/** A label, a control, and the error and hint below it, wired for screen readers: the frame every field shares. */
export function FieldFrame(props: FieldFrameProps) {
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
        {props.children({
          id,
          'aria-invalid': invalid,
          'aria-describedby': describedBy === '' ? undefined : describedBy,
        })}
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

/** A labelled text input with its error and hint below it, wired for screen readers. */
export function Field(props: FieldProps) {
  return (
    <FieldFrame label={props.label} error={props.error} hint={props.hint} testId={props.testId}>
      {(control) => (
        <>
          <input
            {...control}
            className="field__input"
            type={props.type ?? 'text'}
            inputMode={props.inputMode ?? 'decimal'}
            value={props.value}
            placeholder={props.placeholder}
            autoComplete={props.autoComplete ?? 'off'}
            spellCheck={false}
            autoFocus={props.autoFocus}
            onChange={(event) => props.onChange(event.target.value)}
            data-testid={props.testId}
          />
          {props.unit !== undefined && <span className="field__unit">{props.unit}</span>}
        </>
      )}
    </FieldFrame>
  );
}
