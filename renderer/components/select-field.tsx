import type { ReactNode } from 'react';
import { FieldFrame } from './field';

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
}

export interface SelectFieldProps<T extends string> {
  readonly label: string;
  /** '' when nothing is chosen yet. */
  readonly value: T | '';
  readonly options: readonly SelectOption<T>[];
  readonly onChange: (value: T) => void;
  /** Shown under the field in the error colour; the select is marked invalid. */
  readonly error?: string | null;
  readonly hint?: ReactNode;
  /** Shown as the only (unselectable) option when there is nothing to choose. */
  readonly emptyLabel?: string;
  readonly testId?: string;
}

/** A labelled native select (keyboard and screen-reader behaviour for free) with its error and hint below it. */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const empty = props.options.length === 0;
  // A value not among the options would make the browser show the first option as if it were chosen: say so instead.
  const unchosen = !empty && !props.options.some((option) => option.value === props.value);
  return (
    <FieldFrame label={props.label} error={props.error} hint={props.hint} testId={props.testId}>
      {(control) => (
        <select
          {...control}
          className="field__input field__select"
          value={empty || unchosen ? '' : props.value}
          onChange={(event) => {
            const chosen = props.options.find((option) => option.value === event.target.value);
            if (chosen !== undefined) props.onChange(chosen.value);
          }}
          data-testid={props.testId}
        >
          {empty ? (
            <option value="" disabled>
              {props.emptyLabel ?? 'Nothing to choose'}
            </option>
          ) : (
            [
              unchosen ? (
                <option key="" value="" disabled>
                  Choose…
                </option>
              ) : null,
              ...props.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              )),
            ]
          )}
        </select>
      )}
    </FieldFrame>
  );
}
