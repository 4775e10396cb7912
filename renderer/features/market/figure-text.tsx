import type { Figure } from '../../../shared/domain/risk-report';
import { provenance } from './market-model';

/**
 * A figure as text: its formatted value with where it came from in the title, or "—" with the reason it is missing.
 * Never shows NaN, Infinity or a blank.
 */
export function FigureText({
  figure,
  format,
  testId,
  className,
}: {
  readonly figure: Figure;
  readonly format: (value: number) => string;
  readonly testId?: string;
  readonly className?: string;
}) {
  const missing = figure.value === null || !Number.isFinite(figure.value);
  return (
    <span
      className={`${missing ? 'figure--missing' : ''} ${className ?? ''}`.trim() || undefined}
      title={provenance(figure)}
      data-testid={testId}
      data-missing={missing || undefined}
    >
      {missing || figure.value === null ? '—' : format(figure.value)}
    </span>
  );
}
