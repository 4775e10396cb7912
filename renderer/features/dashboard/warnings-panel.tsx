import { useMemo } from 'react';
import type { RiskReport, RiskWarning, Suggestion } from '../../../shared/domain/risk-report';
import { suggestionText } from '../../../shared/risk/suggestion-text';
import { warningText } from '../../../shared/risk/warning-text';
import { SeverityPill } from '../positions/severity-pill';

/** The report's warnings grouped by what they concern, worst group first, each with its suggested actions. */
export function WarningsPanel({
  report,
  positionLabel,
  onOpen,
}: {
  readonly report: RiskReport;
  readonly positionLabel: (id: string) => string;
  readonly onOpen: (positionId: string) => void;
}) {
  const groups = useMemo(() => groupWarnings(report.warnings, report.suggestions), [report]);
  if (groups.length === 0)
    return (
      <p className="muted" data-testid="dashboard-warnings-empty">
        No warnings: every position is within its thresholds.
      </p>
    );
  return (
    <ol className="warnings" data-testid="dashboard-warnings">
      {groups.map((group) => (
        <li key={`${group.kind}|${group.id}`} className="warnings__group" data-testid="dashboard-warning-group">
          <header className="warnings__head">
            {group.kind === 'position' ? (
              <button type="button" className="link" onClick={() => onOpen(group.id)}>
                {positionLabel(group.id)}
              </button>
            ) : (
              <span>
                {group.kind === 'market'
                  ? `Market ${group.id.replace('|', ' ')}`
                  : `Account ${group.id.replace('|', ' ')}`}
              </span>
            )}
          </header>
          <ul className="warnings__items">
            {group.warnings.map((warning, index) => (
              <li key={`${warning.code}-${index}`} className="warnings__item" data-code={warning.code}>
                <SeverityPill severity={warning.severity} /> <span>{warningText(warning)}</span>
              </li>
            ))}
            {group.suggestions.map((suggestion, index) => (
              <li key={`s-${suggestion.kind}-${index}`} className="warnings__action" data-kind={suggestion.kind}>
                <span className="warnings__arrow" aria-hidden="true">
                  →
                </span>{' '}
                {suggestionText(suggestion)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

interface WarningGroup {
  readonly kind: 'position' | 'market' | 'account';
  readonly id: string;
  readonly warnings: RiskWarning[];
  readonly suggestions: Suggestion[];
  readonly rank: number;
}

const RANK = { safe: 0, watch: 1, danger: 2, critical: 3 } as const;

function groupWarnings(warnings: readonly RiskWarning[], suggestions: readonly Suggestion[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const warning of warnings) {
    const key = `${warning.subject.kind}|${warning.subject.id}`;
    const group = groups.get(key) ?? {
      kind: warning.subject.kind,
      id: warning.subject.id,
      warnings: [],
      suggestions: [],
      rank: 0,
    };
    group.warnings.push(warning);
    groups.set(key, { ...group, rank: Math.max(group.rank, RANK[warning.severity]) });
  }
  for (const suggestion of suggestions) {
    const group = groups.get(`${suggestion.subject.kind}|${suggestion.subject.id}`);
    // Suggestions for something with no warning stay on its detail screen.
    group?.suggestions.push(suggestion);
  }
  return [...groups.values()].sort((a, b) => b.rank - a.rank);
}
