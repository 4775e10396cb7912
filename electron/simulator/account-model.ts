import type { MarginMode, MarketKind, Side, Venue } from '../../shared/domain/venue';
import { instrument, toContracts, type Instrument } from './instruments';
import { MINUTE, at, roundToStep, round, type MarketModel, type ResolvedAsset } from './market-model';
import { unitHash } from './rng';
import type { AccountSpec, PositionSpec, ScenarioSpec } from './scenario-spec';

/**
 * The account side of a scenario: positions and balances at any time, the venue-reported liquidation price and
 * maintenance margin, and liquidations when the mark crosses a position's liquidation price (the simulator plays
 * the exchange). Liquidations are found by scanning the path minute by minute from the scenario start, so what the
 * venue reports at a given clock time does not depend on when it was asked.
 */
export interface SimPosition {
  readonly id: string;
  readonly accountId: string;
  readonly venue: Venue;
  readonly inst: Instrument;
  readonly asset: ResolvedAsset;
  readonly kind: MarketKind;
  readonly side: Side;
  /** Venue contracts (Binance/Bybit linear, Hyperliquid: coins; OKX: contracts of ctVal; inverse: USD contracts). */
  readonly contracts: number;
  readonly entryPrice: number;
  readonly leverage: number;
  readonly marginMode: MarginMode;
  /** Settlement-currency margin of an isolated position (zero for cross). */
  readonly isolatedMargin: number;
  readonly openedAt: number;
  /** hedge-mode accounts report LONG/SHORT legs; one-way accounts BOTH. */
  readonly hedged: boolean;
}

export interface PositionState {
  readonly position: SimPosition;
  readonly markPrice: number;
  /** Base units (inverse: contracts × USD value ÷ mark). */
  readonly sizeBase: number;
  /** Settlement currency. */
  readonly notionalSettle: number;
  readonly notionalUsd: number;
  readonly unrealizedPnl: number;
  readonly maintenanceMargin: number;
  readonly mmr: number;
  readonly cum: number;
  readonly initialMargin: number;
  /** The venue's liquidation price, or null when it reports none (e.g. Bybit unified cross). */
  readonly liquidationPrice: number | null;
  readonly bankruptcyPrice: number | null;
}

export interface BalanceState {
  readonly currency: string;
  readonly walletBalance: number;
  readonly unrealizedPnl: number;
  readonly equity: number;
  readonly crossMaintenanceMargin: number;
  readonly initialMargin: number;
  readonly isolatedMargin: number;
  readonly available: number;
  readonly usdPrice: number;
}

export interface Liquidation {
  readonly positionId: string;
  readonly at: number;
  readonly price: number;
  readonly loss: number;
}

export interface SimAccount {
  readonly spec: AccountSpec;
  readonly positions: readonly SimPosition[];
}

/** OKX counts the taker fee next to the tier MMR in its isolated liquidation test (liquidation.md §4). */
const OKX_FEE = 0.0005;

export class AccountModel {
  readonly accounts: readonly SimAccount[];
  private liquidations = new Map<string, Liquidation>();
  private scannedUntil: number;

  constructor(
    spec: ScenarioSpec,
    private readonly market: MarketModel,
  ) {
    this.accounts = spec.accounts.map((account) => ({ spec: account, positions: buildPositions(account, market) }));
    this.scannedUntil = market.startMs;
  }

  account(accountId: string): SimAccount | undefined {
    return this.accounts.find((a) => a.spec.id === accountId);
  }

  /** Liquidations that happened up to `ms`, in order. */
  liquidationsUntil(ms: number): Liquidation[] {
    this.scanTo(ms);
    return [...this.liquidations.values()].filter((l) => l.at <= ms).sort((a, b) => a.at - b.at);
  }

  openPositions(accountId: string, ms: number): PositionState[] {
    const account = this.account(accountId);
    if (!account) return [];
    this.scanTo(ms);
    return this.statesAt(account, ms, (p) => this.isOpen(p.id, ms));
  }

  balances(accountId: string, ms: number): BalanceState[] {
    const account = this.account(accountId);
    if (!account) return [];
    this.scanTo(ms);
    const open = this.statesAt(account, ms, (p) => this.isOpen(p.id, ms));
    return Object.entries(account.spec.balances).map(([currency, initial]) => {
      const realized = account.positions
        .filter((p) => p.inst.settle === currency)
        .reduce((sum, p) => {
          const l = this.liquidations.get(p.id);
          return l && l.at <= ms ? sum - l.loss : sum;
        }, 0);
      const wallet = Math.max(0, initial + realized);
      const mine = open.filter((s) => s.position.inst.settle === currency);
      const upnl = mine.reduce((sum, s) => sum + s.unrealizedPnl, 0);
      const crossMm = mine
        .filter((s) => s.position.marginMode === 'cross')
        .reduce((sum, s) => sum + s.maintenanceMargin, 0);
      const im = mine.filter((s) => s.position.marginMode === 'cross').reduce((sum, s) => sum + s.initialMargin, 0);
      const iso = mine
        .filter((s) => s.position.marginMode === 'isolated')
        .reduce((sum, s) => sum + s.position.isolatedMargin, 0);
      const equity = wallet + upnl;
      const asset = this.market.asset(currency);
      const usdPrice = asset ? this.market.markPrice(asset, account.spec.venue, ms) : 1;
      return {
        currency,
        walletBalance: wallet,
        unrealizedPnl: upnl,
        equity,
        crossMaintenanceMargin: crossMm,
        initialMargin: im,
        isolatedMargin: iso,
        available: Math.max(0, equity - im - iso),
        usdPrice,
      };
    });
  }

  private isOpen(positionId: string, ms: number): boolean {
    const l = this.liquidations.get(positionId);
    return !l || l.at > ms;
  }

  private statesAt(account: SimAccount, ms: number, include: (p: SimPosition) => boolean): PositionState[] {
    const positions = account.positions.filter(include);
    const base = positions.map((p) => this.baseState(p, ms));
    return base.map((state) => ({ ...state, ...this.liquidationOf(account, state, base, ms) }));
  }

  private baseState(p: SimPosition, ms: number): Omit<PositionState, 'liquidationPrice' | 'bankruptcyPrice'> {
    const mark = this.market.markPrice(p.asset, p.venue, ms);
    const sign = p.side === 'long' ? 1 : -1;
    const cs = p.inst.contractSize;
    const linear = p.kind === 'linear';
    const sizeBase = linear ? p.contracts * cs : (p.contracts * cs) / mark;
    const notionalUsd = linear ? sizeBase * mark : p.contracts * cs;
    const notionalSettle = linear ? notionalUsd : sizeBase;
    const unrealizedPnl = linear
      ? sign * sizeBase * (mark - p.entryPrice)
      : sign * p.contracts * cs * (1 / p.entryPrice - 1 / mark);
    const tier = this.market.tierFor(p.asset, notionalUsd);
    // Binance, Bybit and Hyperliquid deduct a maintenance amount per tier; OKX charges the tier rate on the whole
    // notional (liquidation.md §1, §3e, §4, §5); inverse maintenance amounts are not modelled.
    const cum = linear && p.venue !== 'okx' ? tier.cum : 0;
    const mmr = tier.mmr;
    const maintenanceMargin = Math.max(0, notionalSettle * mmr - cum);
    return {
      position: p,
      markPrice: mark,
      sizeBase,
      notionalSettle,
      notionalUsd,
      unrealizedPnl,
      maintenanceMargin,
      mmr,
      cum,
      initialMargin: notionalSettle / p.leverage,
    };
  }

  /** The venue's liquidation (and bankruptcy) price for `state`, given the account's other open positions. */
  private liquidationOf(
    account: SimAccount,
    state: Omit<PositionState, 'liquidationPrice' | 'bankruptcyPrice'>,
    all: readonly Omit<PositionState, 'liquidationPrice' | 'bankruptcyPrice'>[],
    ms: number,
  ): { liquidationPrice: number | null; bankruptcyPrice: number | null } {
    const p = state.position;
    const sign = p.side === 'long' ? 1 : -1;
    let wallet: number;
    let otherMm = 0;
    let otherUpnl = 0;
    if (p.marginMode === 'isolated') {
      wallet = p.isolatedMargin;
    } else {
      if (p.venue === 'bybit') return { liquidationPrice: null, bankruptcyPrice: null }; // UTA cross is account-level (liquidation.md §3c)
      // The cross wallet excludes margin locked in isolated positions (Binance crossWalletBalance).
      wallet = this.walletAt(account, p.inst.settle, ms);
      for (const other of all) {
        if (other.position.marginMode === 'isolated' && other.position.inst.settle === p.inst.settle)
          wallet -= other.position.isolatedMargin;
      }
      for (const other of all) {
        if (
          other.position.id === p.id ||
          other.position.marginMode !== 'cross' ||
          other.position.inst.settle !== p.inst.settle
        )
          continue;
        otherMm += other.maintenanceMargin;
        otherUpnl += other.unrealizedPnl;
      }
    }
    if (p.venue === 'hyperliquid' && p.marginMode === 'cross') {
      // Hyperliquid cross: LP = mark − side · (account value − maintenance required) / Q / (1 − side · MMR), with the
      // account value and maintenance of all cross positions (liquidation.md §5).
      const available = wallet + otherUpnl + state.unrealizedPnl - otherMm - state.maintenanceMargin;
      const lp = state.markPrice - (sign * available) / state.sizeBase / (1 - sign * state.mmr);
      return {
        liquidationPrice: lp > 0 && Number.isFinite(lp) ? roundToStep(lp, p.asset.tickSize / 10) : null,
        bankruptcyPrice: null,
      };
    }
    const mmr = state.mmr + (p.venue === 'okx' && p.marginMode === 'isolated' ? OKX_FEE : 0);
    const collateral = wallet - otherMm + otherUpnl + state.cum;
    let lp: number;
    let bp: number;
    if (p.kind === 'linear') {
      // Binance one-way: LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q)  (liquidation.md §1)
      const q = state.sizeBase;
      lp = (collateral - sign * q * p.entryPrice) / (q * mmr - sign * q);
      bp = (wallet - otherMm + otherUpnl - sign * q * p.entryPrice) / (-sign * q);
    } else {
      // COIN-M one-way: LP = Q·CS·(MMR + side) / (WB − TMM1 + UPNL1 + cum + side·Q·CS/EP)  (liquidation.md §2)
      const qcs = p.contracts * p.inst.contractSize;
      lp = (qcs * (mmr + sign)) / (collateral + (sign * qcs) / p.entryPrice);
      bp = (qcs * sign) / (wallet - otherMm + otherUpnl + (sign * qcs) / p.entryPrice);
    }
    const valid = (x: number) => Number.isFinite(x) && x > 0;
    return {
      liquidationPrice: valid(lp) ? roundToStep(lp, p.asset.tickSize / 10) : null,
      bankruptcyPrice: valid(bp) ? roundToStep(bp, p.asset.tickSize / 10) : null,
    };
  }

  private walletAt(account: SimAccount, currency: string, ms: number): number {
    const initial = account.spec.balances[currency] ?? 0;
    let realized = 0;
    for (const p of account.positions) {
      const l = this.liquidations.get(p.id);
      if (p.inst.settle === currency && l && l.at <= ms) realized -= l.loss;
    }
    return Math.max(0, initial + realized);
  }

  /**
   * Walks the clock forward a minute at a time (on whole minutes since the start), then checks `ms` itself,
   * liquidating positions whose mark crossed their liquidation price.
   */
  private scanTo(ms: number): void {
    if (ms < this.scannedUntil) {
      this.liquidations = new Map();
      this.scannedUntil = this.market.startMs;
    }
    const start = this.market.startMs;
    let t = this.scannedUntil;
    for (;;) {
      const next = start + (Math.floor((t - start) / MINUTE) + 1) * MINUTE;
      if (next > ms) break;
      this.checkAt(next);
      t = next;
    }
    this.scannedUntil = t;
    if (t < ms) this.checkAt(ms);
  }

  private checkAt(t: number): void {
    for (const account of this.accounts) {
      const open = this.statesAt(account, t, (p) => this.isOpen(p.id, t));
      for (const s of open) {
        const lp = s.liquidationPrice;
        if (lp === null) continue;
        const crossed = s.position.side === 'long' ? s.markPrice <= lp : s.markPrice >= lp;
        if (!crossed) continue;
        const loss = s.position.marginMode === 'isolated' ? s.position.isolatedMargin : -liquidationPnl(s.position, lp);
        this.liquidations.set(s.position.id, { positionId: s.position.id, at: t, price: lp, loss: Math.max(0, loss) });
      }
    }
  }
}

function liquidationPnl(p: SimPosition, price: number): number {
  const sign = p.side === 'long' ? 1 : -1;
  const cs = p.inst.contractSize;
  return p.kind === 'linear'
    ? sign * p.contracts * cs * (price - p.entryPrice)
    : sign * p.contracts * cs * (1 / p.entryPrice - 1 / price);
}

function buildPositions(account: AccountSpec, market: MarketModel): SimPosition[] {
  const specs: PositionSpec[] = [...account.positions, ...generatedPositions(account, market)];
  const positions: SimPosition[] = [];
  for (const [i, spec] of specs.entries()) {
    const asset = market.asset(spec.base);
    if (!asset) throw new Error(`scenario account ${account.id}: unknown asset ${spec.base}`);
    const inst = instrument(account.venue, asset, spec.kind);
    if (!inst)
      throw new Error(`scenario account ${account.id}: ${account.venue} lists no ${spec.kind} ${spec.base} market`);
    const entryPrice = roundToStep(asset.price * spec.entry, asset.tickSize);
    const contracts = toContracts(inst, spec.size / (spec.kind === 'inverse' ? entryPrice : 1), entryPrice);
    const notionalSettle =
      spec.kind === 'linear'
        ? contracts * inst.contractSize * entryPrice
        : (contracts * inst.contractSize) / entryPrice;
    const isolatedMargin =
      spec.marginMode === 'isolated' ? (spec.isolatedMargin ?? round(notionalSettle / spec.leverage, 8)) : 0;
    positions.push({
      id: `${account.id}-p${i + 1}`,
      accountId: account.id,
      venue: account.venue,
      inst,
      asset,
      kind: spec.kind,
      side: spec.side,
      contracts,
      entryPrice,
      leverage: spec.leverage,
      marginMode: spec.marginMode,
      isolatedMargin,
      openedAt: market.startMs - 6 * 60 * MINUTE,
      hedged: account.positionMode === 'hedge',
    });
  }
  return positions;
}

/** Bench load: `generatedPositions` linear positions over distinct assets, alternating side and margin mode. */
function generatedPositions(account: AccountSpec, market: MarketModel): PositionSpec[] {
  const specs: PositionSpec[] = [];
  for (let i = 0; i < account.generatedPositions; i++) {
    const asset = at(market.assets, i % market.assets.length);
    const notional = 2_000 + 18_000 * unitHash(77, i, account.id.length);
    specs.push({
      base: asset.base,
      kind: 'linear',
      side: i % 2 === 0 ? 'long' : 'short',
      size: notional / asset.price,
      entry: 0.97 + 0.06 * unitHash(78, i),
      leverage: 3 + Math.floor(12 * unitHash(79, i)),
      // Bybit unified accounts set margin mode per account: keep them all cross.
      marginMode: i % 3 === 0 && account.venue !== 'bybit' ? 'isolated' : 'cross',
    });
  }
  return specs;
}
