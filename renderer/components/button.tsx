import type { ReactNode } from 'react';

export interface ButtonProps {
  readonly children: ReactNode;
  readonly onClick?: (() => void) | undefined;
  readonly variant?: 'primary' | 'secondary' | 'ghost';
  /** When set, the button is unavailable and this sentence says why (shown on hover and keyboard focus). */
  readonly unavailableReason?: string | undefined;
  readonly testId?: string | undefined;
}

/**
 * Unavailable buttons stay focusable (aria-disabled, not disabled) so keyboard users can reach the reason.
 */
export function Button({ children, onClick, variant = 'secondary', unavailableReason, testId }: ButtonProps) {
  const unavailable = unavailableReason !== undefined;
  const button = (
    <button
      type="button"
      className={`button button--${variant}`}
      aria-disabled={unavailable || undefined}
      aria-describedby={unavailable && testId !== undefined ? `${testId}-reason` : undefined}
      onClick={unavailable ? undefined : onClick}
      data-testid={testId}
    >
      {children}
    </button>
  );
  if (!unavailable) return button;
  return (
    <span className="tooltip-anchor">
      {button}
      <span role="tooltip" className="tooltip" id={testId !== undefined ? `${testId}-reason` : undefined}>
        {unavailableReason}
      </span>
    </span>
  );
}
