import type { SourceStatus } from '../../../shared/domain/snapshot';
import { VENUE_LABELS, type Venue } from '../../../shared/domain/venue';
import { formatClock } from '../../components/format';

/**
 * One line per stale or failed source (of one venue, or all), for the planner and the stress test: their figures
 * rest on the last good data, and the trader should know since when.
 */
export function staleSources(statuses: readonly SourceStatus[], venue: Venue | null): string[] {
  return statuses
    .filter((s) => (venue === null || s.venue === venue) && (s.state === 'stale' || s.state === 'error'))
    .map((s) => {
      const why = s.error?.message ?? 'the last refresh failed';
      if (s.state === 'error') return `${VENUE_LABELS[s.venue]} has no data: ${why}`;
      const since = s.lastOkAt === null ? '' : ` since ${formatClock(s.lastOkAt)}`;
      return `${VENUE_LABELS[s.venue]} data is stale${since} (${why}); the figures use the last good data.`;
    });
}
