import { marketKey } from '../../../shared/domain/market';
import type { AccountRisk, Provenance, RiskReport } from '../../../shared/domain/risk-report';
import type { Settings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { MarginMode, MarketKind, Side, Venue } from '../../../shared/domain/venue';
import type { RegimeMemory } from '../../../shared/risk/regime';
import { buildRiskReport, type MarketExtras } from '../../../shared/risk/report';
import { defaultBeta, MAX_ASSET_DROP } from '../../../shared/risk/stress';

/**
 * The stress test's model (risk-method.md §5): the report rebuilt with the trader's betas and a 1 %-step BTC grid
 * from −20 % to +10 %, grouped per account and settlement currency. Betas reach the engine the documented way,
 * `marketExtras[marketKey].beta`, so every figure (position rows, cross-account move to liquidation, high-beta
 * effect) comes from the same `buildRiskReport` the dashboard and the exports use.
 */

/** −20 % … +10 % in 1 % steps: the chart's points (integer arithmetic, so −0.1 is exactly −10/100). */
export const GRID_SHOCKS: readonly number[] = Array.from({ length: 31 }, (_, i) => (i - 20) / 100);
/** The table's columns (§5.1 grid). */
export const TABLE_SHOCKS: readonly number[] = [-0.2, -0.15, -0.1, -0.05, 0.05, 0.1];
/** Betas above this are outside the model's sense (§5.1: small caps run 2–4). */
export const MAX_BETA = 10;

const isBtc = (base: string) => base === 'BTC' || base === 'XBT';

// ---- betas ----

export interface EngineBeta {
  readonly venue: Venue;
  readonly symbol: string;
  readonly value: number;
  readonly source: Provenance;
}

export interface BetaAsset {
  readonly asset: string;
  /** What the engine used, per market holding a position in this asset. */
  readonly engine: readonly EngineBeta[];
  /** The §5.1 stress default [P]. */
  readonly stressDefault: number;
}

/** Every non-BTC asset with an open position, A→Z, with the betas the report used. */
export function betaAssets(report: RiskReport): BetaAsset[] {
  const held = new Set(report.positions.map((p) => p.marketKey));
  const byAsset = new Map<string, EngineBeta[]>();
  for (const m of report.markets) {
    if (!held.has(m.marketKey) || isBtc(m.base) || m.beta.value === null) continue;
    const list = byAsset.get(m.base) ?? [];
    list.push({ venue: m.venue, symbol: m.symbol, value: m.beta.value, source: m.beta.source });
    byAsset.set(m.base, list);
  }
  return [...byAsset.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([asset, engine]) => ({ asset, engine, stressDefault: defaultBeta(asset) }));
}

export type ParsedBeta =
  | { readonly kind: 'engine' }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'invalid'; readonly error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** An empty field means "the engine's beta"; anything else must be a number in (0, 10]. */
export function parseBeta(text: string, asset: string): ParsedBeta {
  const t = text.trim();
  if (t === '') return { kind: 'engine' };
  if (t.includes(',')) return { kind: 'invalid', error: `Write ${asset}'s beta with a dot, e.g. 1.3.` };
  if (!NUMBER.test(t)) return { kind: 'invalid', error: `${asset}'s beta must be a number, e.g. 1.3.` };
  const value = Number(t);
  if (!(value > 0))
    return { kind: 'invalid', error: `${asset}'s beta must be above 0 (it scales the BTC shock onto ${asset}).` };
  if (value > MAX_BETA)
    return {
      kind: 'invalid',
      error: `${asset}'s beta must be at most ${MAX_BETA} (§5.1: small caps run 2–4).`,
    };
  return { kind: 'value', value };
}

/** Valid edits as `marketExtras`: every market of an edited asset gets the trader's beta. */
export function betaExtras(snapshot: Snapshot, betas: Readonly<Record<string, number>>): Record<string, MarketExtras> {
  const extras: Record<string, MarketExtras> = {};
  for (const m of snapshot.markets) {
    const beta = betas[m.base];
    if (beta !== undefined) extras[marketKey(m.venue, m.symbol)] = { beta };
  }
  return extras;
}

// ---- the view ----

export interface StressCell {
  readonly shock: number;
  readonly assetMove: number;
  readonly price: number;
  readonly pnl: number;
  readonly liquidated: boolean;
}

export interface StressPosition {
  readonly positionId: string;
  readonly symbol: string;
  readonly base: string;
  readonly side: Side;
  readonly kind: MarketKind;
  readonly marginMode: MarginMode;
  readonly mark: number | null;
  readonly liquidation: number | null;
  readonly liquidationReason: string | null;
  readonly beta: number | null;
  readonly betaSource: Provenance;
  /** One per GRID_SHOCKS entry. */
  readonly cells: readonly StressCell[];
  /** Isolated: the most the position can lose (margin plus uPnL at mark), where its PnL stops; null for cross. */
  readonly maxLoss: number | null;
  /**
   * The BTC move at which the asset, following at its beta, reaches this position's own liquidation price (others
   * held still): `(LP/mark − 1)/β`; null when no move within the −95 % asset cap does it.
   */
  readonly btcMoveToLiquidation: number | null;
  readonly btcMoveReason: string | null;
}

export interface StressAccount {
  /** `accountId|currency`, as in the report. */
  readonly key: string;
  readonly accountId: string;
  readonly label: string;
  readonly venue: Venue;
  readonly currency: string;
  readonly positions: readonly StressPosition[];
  /** Sum of the positions' PnL (USD) per GRID_SHOCKS entry. */
  readonly pnl: readonly number[];
  readonly cross: AccountRisk['crossStress'];
}

export interface StressView {
  readonly shocks: readonly number[];
  readonly accounts: readonly StressAccount[];
  readonly report: RiskReport;
}

export interface StressInput {
  readonly snapshot: Snapshot;
  readonly settings: Settings;
  /** The store's report memory, so the regime (and the report) match the dashboard's. */
  readonly regimeMemory: Readonly<Record<string, RegimeMemory>> | null;
  /** Valid beta edits per asset. */
  readonly betas: Readonly<Record<string, number>>;
}

/** The BTC move that takes the asset to this liquidation price at beta β (§5.1 moves, capped at −95 %). */
export function btcMoveToLiquidation(
  side: Side,
  mark: number,
  liquidation: number,
  beta: number,
): { value: number | null; reason: string | null } {
  const need = liquidation / mark - 1;
  if (side === 'long' ? need >= 0 : need <= 0)
    return { value: 0, reason: 'the mark is already at or beyond the liquidation price' };
  if (!(beta > 0)) return { value: null, reason: 'a zero beta: BTC moves do not reach this asset' };
  if (need <= MAX_ASSET_DROP) return { value: null, reason: 'beyond the −95 % cap on any single asset' };
  const x = need / beta;
  if (x <= -1) return { value: null, reason: `BTC would have to fall more than 100 % at β ${beta.toFixed(2)}` };
  return { value: x, reason: null };
}

/** The report's per-position stress columns as one cell per shock. */
export function stressCells(shocks: readonly number[], s: RiskReport['positions'][number]['stress']): StressCell[] {
  const cells: StressCell[] = [];
  for (let i = 0; i < shocks.length; i++) {
    const shock = shocks[i];
    const assetMove = s.assetMove[i];
    const price = s.price[i];
    const pnl = s.pnl[i];
    const liquidated = s.liquidated[i];
    if (shock === undefined || assetMove === undefined || price === undefined || pnl === undefined) break;
    cells.push({ shock, assetMove, price, pnl, liquidated: liquidated === true });
  }
  return cells;
}

export function buildStressView(input: StressInput): StressView {
  const { snapshot, settings } = input;
  const report = buildRiskReport({
    now: snapshot.takenAt,
    snapshot,
    settings,
    regimeMemory: input.regimeMemory,
    marketExtras: betaExtras(snapshot, input.betas),
    options: { shocks: GRID_SHOCKS },
  });
  const labels = new Map(snapshot.accounts.map((a) => [a.accountId, a.label]));
  const accounts = report.accounts.map((account): StressAccount => {
    const positions = report.positions
      .filter((p) => p.accountId === account.accountId && p.settle === account.currency)
      .map((p): StressPosition => {
        const mark = p.markPrice.value;
        const lp = p.liquidation.used.value;
        const beta = p.beta.value;
        const move =
          mark === null || lp === null || beta === null
            ? { value: null, reason: p.liquidation.used.reason ?? 'no liquidation price' }
            : btcMoveToLiquidation(p.side, mark, lp, beta);
        return {
          positionId: p.positionId,
          symbol: p.symbol,
          base: p.base,
          side: p.side,
          kind: p.kind,
          marginMode: p.marginMode,
          mark,
          liquidation: lp,
          liquidationReason: p.liquidation.used.reason,
          beta,
          betaSource: p.beta.source,
          cells: stressCells(report.stressShocks, p.stress),
          maxLoss: p.stress.maxLoss,
          btcMoveToLiquidation: move.value,
          btcMoveReason: move.reason,
        };
      });
    const pnl = GRID_SHOCKS.map((_, i) => positions.reduce((sum, p) => sum + (p.cells[i]?.pnl ?? 0), 0));
    return {
      key: `${account.accountId}|${account.currency}`,
      accountId: account.accountId,
      label: labels.get(account.accountId) ?? account.accountId,
      venue: account.venue,
      currency: account.currency,
      positions,
      pnl,
      cross: account.crossStress,
    };
  });
  return { shocks: GRID_SHOCKS, accounts, report };
}

/** Linear interpolation of a per-shock series at x (the grid is 1 % apart; PnL is linear in between). */
export function valueAt(shocks: readonly number[], values: readonly number[], x: number): number | null {
  for (let i = 0; i < shocks.length - 1; i++) {
    const a = shocks[i];
    const b = shocks[i + 1];
    const va = values[i];
    const vb = values[i + 1];
    if (a === undefined || b === undefined || va === undefined || vb === undefined) continue;
    if (x >= a - 1e-12 && x <= b + 1e-12) return va + ((vb - va) * (x - a)) / (b - a);
  }
  return null;
}

/** The index of a shock in the grid (exact: both come from integer percent arithmetic). */
export const gridIndex = (shock: number): number => GRID_SHOCKS.findIndex((s) => Math.abs(s - shock) < 1e-9);
