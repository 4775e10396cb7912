import type { RiskReport } from '../../shared/domain/risk-report';
import type { Settings } from '../../shared/domain/settings';
import type { Snapshot } from '../../shared/domain/snapshot';
import { buildRiskReport } from '../../shared/risk/report';

/**
 * The report the screens show: computed here from the snapshot and settings with the same `buildRiskReport` the
 * services use for exports, at the snapshot's own time (so it describes the data, not the moment it was drawn).
 * The previous report's regime memory is passed on so the regime hysteresis holds across refreshes.
 */
export function computeReport(
  snapshot: Snapshot | null,
  settings: Settings | null,
  previous: RiskReport | null,
): RiskReport | null {
  if (snapshot === null || settings === null) return null;
  return buildRiskReport({
    now: snapshot.takenAt,
    snapshot,
    settings,
    regimeMemory: previous?.regimeMemory ?? null,
  });
}
