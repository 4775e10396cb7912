import type { Severity } from '../../../shared/domain/risk-report';

const LABELS: Readonly<Record<Severity, string>> = {
  safe: 'Safe',
  watch: 'Watch',
  danger: 'Danger',
  critical: 'Critical',
};

export function SeverityPill({ severity, title }: { readonly severity: Severity; readonly title?: string }) {
  return (
    <span className={`severity severity--${severity}`} title={title}>
      {LABELS[severity]}
    </span>
  );
}
