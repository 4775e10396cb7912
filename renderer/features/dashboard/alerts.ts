import type { PositionRisk, Severity } from '../../../shared/domain/risk-report';
import { fmtPct, fmtPrice } from '../../../shared/risk/format';

/**
 * Which positions just crossed into danger or critical. `previous` holds each position's last severity; a position
 * alerts once when its severity rises into danger, and once more if it rises on into critical — not on every
 * refresh it stays there. The first observation (no previous map) alerts nothing: the trader is looking at it.
 */
const ALERTING: readonly Severity[] = ['danger', 'critical'];
const RANK: Readonly<Record<Severity, number>> = { safe: 0, watch: 1, danger: 2, critical: 3 };

export interface Crossing {
  readonly position: PositionRisk;
  readonly from: Severity | null;
  readonly to: Severity;
}

export function detectCrossings(
  previous: ReadonlyMap<string, Severity> | null,
  positions: readonly PositionRisk[],
): { crossings: Crossing[]; next: Map<string, Severity> } {
  const next = new Map(positions.map((position) => [position.positionId, position.severity]));
  if (previous === null) return { crossings: [], next };
  const crossings: Crossing[] = [];
  for (const position of positions) {
    const before = previous.get(position.positionId) ?? null;
    const rose = before === null || RANK[position.severity] > RANK[before];
    if (ALERTING.includes(position.severity) && rose) crossings.push({ position, from: before, to: position.severity });
  }
  return { crossings, next };
}

export function describeCrossing({ position, to }: Crossing): { title: string; body: string } {
  const side = position.side === 'long' ? 'long' : 'short';
  const distance = position.distance.fraction;
  const liq = position.liquidation.used.value;
  return {
    title: `${to === 'critical' ? 'Critical' : 'Danger'}: ${position.symbol} ${side}`,
    body:
      liq === null || distance === null
        ? position.severityReasons.join(' ')
        : `Liquidation at ${fmtPrice(liq)} is ${fmtPct(distance)} away. ${position.severityReasons[0] ?? ''}`.trim(),
  };
}
