import { useEffect, useState } from 'react';
import type { Account } from '../../../shared/domain/account';
import type { SourceStatus } from '../../../shared/domain/snapshot';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { formatAge } from '../../components/format';

/** One chip per account: ok / stale since … (and why) / error with its message. */
export function SourceStatuses({
  statuses,
  accounts,
}: {
  readonly statuses: readonly SourceStatus[];
  readonly accounts: readonly Account[];
}) {
  const now = useNow(5_000);
  const labels = new Map(accounts.map((account) => [account.accountId, account.label]));
  return (
    <ul className="source-statuses" aria-label="Data sources" data-testid="dashboard-source-statuses">
      {statuses.map((status) => {
        const name = `${VENUE_LABELS[status.venue]} · ${labels.get(status.accountId) ?? status.accountId}`;
        const age = status.lastOkAt === null ? null : formatAge(status.lastOkAt, now);
        const text =
          status.state === 'ok'
            ? `updated ${age ?? ''}`
            : status.state === 'stale'
              ? `stale since ${age ?? '—'}`
              : status.state === 'loading'
                ? 'loading…'
                : 'no data';
        return (
          <li
            key={status.accountId}
            className={`source source--${status.state}`}
            data-testid={`dashboard-source-${status.accountId}`}
            data-state={status.state}
          >
            <span className="source__dot" aria-hidden="true" />
            <span className="source__name">{name}</span> <span className="source__text">{text}</span>
            {status.error !== null && (
              <span className="source__error" role={status.state === 'error' ? 'alert' : undefined}>
                {status.error.message}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The current time, ticking; only for "… ago" labels. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
