import type { Figure, PositionRisk } from '../../../shared/domain/risk-report';
import { fmtPct } from '../../../shared/risk/format';
import { exchangeFigure } from '../../../shared/risk/report-figures';
import { priceFormatter } from '../market/market-model';

/**
 * The horizontal lines of the position's price chart: entry, mark, our liquidation price, the exchange's, and each
 * suggested stop rung, each titled with its distance from mark ("Liq (ours) 143.59 · −4.3 %"). Pure, so the chart
 * and the E2E spec check the same list.
 */
export type ChartLineKind = 'entry' | 'mark' | 'liq-ours' | 'liq-exchange' | 'stop';

export interface ChartLine {
  readonly kind: ChartLineKind;
  readonly price: number;
  /** price ÷ mark − 1 (negative below the mark). */
  readonly distance: number;
  readonly label: string;
  /** What the chart writes beside the line. */
  readonly title: string;
  /** 1-based rung of a stop line, else null. */
  readonly rung: number | null;
  /** A stop at or beyond the liquidation price: liquidation comes first, so it would never trigger. */
  readonly beyondLiquidation: boolean;
}

/** A line the chart cannot draw, and why. */
export interface MissingLine {
  readonly kind: ChartLineKind;
  readonly label: string;
  readonly reason: string;
}

/**
 * "−4.3 %", "+0.35 %": the sign written, so above and below the mark read at a glance; two decimals under 1 % so a
 * line next to the mark does not read "0.0 %".
 */
export function formatDistance(fraction: number): string {
  const text = fmtPct(fraction, Math.abs(fraction) < 0.01 ? 2 : 1);
  return fraction > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

export function chartLines(
  risk: PositionRisk,
  tickSize: number | null,
): { readonly lines: readonly ChartLine[]; readonly missing: readonly MissingLine[] } {
  const price = priceFormatter(tickSize);
  const mark = risk.markPrice.value;
  const lines: ChartLine[] = [];
  const missing: MissingLine[] = [];
  const liquidation = risk.liquidation.used.value;
  const add = (kind: ChartLineKind, label: string, figure: Figure, rung: number | null = null) => {
    if (figure.value === null || !Number.isFinite(figure.value) || figure.value <= 0) {
      missing.push({ kind, label, reason: figure.reason ?? 'not available' });
      return;
    }
    const distance = mark === null ? 0 : figure.value / mark - 1;
    const beyondLiquidation = kind === 'stop' && isBeyondLiquidation(risk.side, figure.value, liquidation);
    const title =
      (kind === 'mark' || mark === null
        ? `${label} ${price(figure.value)}`
        : `${label} ${price(figure.value)} · ${formatDistance(distance)}`) +
      (beyondLiquidation ? ' · beyond liq.' : '');
    lines.push({ kind, price: figure.value, distance, label, title, rung, beyondLiquidation });
  };
  add('entry', 'Entry', exchangeFigure(risk.entryPrice));
  add('mark', 'Mark', risk.markPrice);
  add('liq-ours', 'Liq (ours)', risk.liquidation.computed);
  add('liq-exchange', 'Liq (exchange)', risk.liquidation.exchange);
  const rungs = risk.ladder?.rungs;
  for (let i = 0; rungs !== undefined && i < rungs.tranche.length; i++) {
    const tranche = rungs.tranche[i] as number;
    add('stop', `Stop ${tranche}`, { value: rungs.trigger[i] as number, source: 'computed', reason: null }, tranche);
  }
  return { lines, missing };
}

/** A long's stop at or below its liquidation price (a short's at or above) is never reached before liquidation. */
export function isBeyondLiquidation(side: 'long' | 'short', trigger: number, liquidation: number | null): boolean {
  if (liquidation === null) return false;
  return side === 'long' ? trigger <= liquidation : trigger >= liquidation;
}

/**
 * Which lines the price scale should stretch to include: those within `reach` of the mark (default ±30 %). A
 * liquidation price far away (a well-collateralised cross position) would flatten the candles into a line; it is
 * listed beside the chart instead.
 */
export function linesInReach(lines: readonly ChartLine[], reach = 0.3): ChartLine[] {
  return lines.filter((line) => Math.abs(line.distance) <= reach);
}
