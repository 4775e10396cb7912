import type { MarketKind, Venue } from '../../shared/domain/venue';
import { roundToStep, type ResolvedAsset } from './market-model';

/**
 * How each venue names and sizes its perpetuals (the conventions ccxt's parsers expect):
 * - Binance USDⓈ-M `BTCUSDT` (1 contract = 1 coin); COIN-M `BTCUSD_PERP` (100 USD for BTC, 10 USD otherwise).
 * - Bybit linear `BTCUSDT` (1 coin); inverse `BTCUSD` (1 USD).
 * - OKX `BTC-USDT-SWAP` (ctVal in coin, e.g. 0.01 BTC); `BTC-USD-SWAP` (ctVal in USD: 100 BTC, 10 otherwise).
 * - Hyperliquid `BTC` (1 coin, USDC-settled).
 */
export interface Instrument {
  readonly venue: Venue;
  readonly kind: MarketKind;
  readonly asset: ResolvedAsset;
  readonly id: string;
  readonly quote: string;
  readonly settle: string;
  /** Linear: base units per contract. Inverse: USD per contract. */
  readonly contractSize: number;
  /** Amount step in contracts. */
  readonly lotSize: number;
}

export function instrument(venue: Venue, asset: ResolvedAsset, kind: MarketKind): Instrument | undefined {
  const base = asset.base;
  if (kind === 'inverse' && (!asset.inverse || venue === 'hyperliquid')) return undefined;
  const inverseValue = base === 'BTC' ? 100 : 10;
  switch (venue) {
    case 'binance':
      return kind === 'linear'
        ? {
            venue,
            kind,
            asset,
            id: `${base}USDT`,
            quote: 'USDT',
            settle: 'USDT',
            contractSize: 1,
            lotSize: asset.amountStep,
          }
        : {
            venue,
            kind,
            asset,
            id: `${base}USD_PERP`,
            quote: 'USD',
            settle: base,
            contractSize: inverseValue,
            lotSize: 1,
          };
    case 'bybit':
      return kind === 'linear'
        ? {
            venue,
            kind,
            asset,
            id: `${base}USDT`,
            quote: 'USDT',
            settle: 'USDT',
            contractSize: 1,
            lotSize: asset.amountStep,
          }
        : { venue, kind, asset, id: `${base}USD`, quote: 'USD', settle: base, contractSize: 1, lotSize: 1 };
    case 'okx':
      return kind === 'linear'
        ? {
            venue,
            kind,
            asset,
            id: `${base}-USDT-SWAP`,
            quote: 'USDT',
            settle: 'USDT',
            contractSize: okxContractValue(asset.price),
            lotSize: 0.01,
          }
        : {
            venue,
            kind,
            asset,
            id: `${base}-USD-SWAP`,
            quote: 'USD',
            settle: base,
            contractSize: inverseValue,
            lotSize: 1,
          };
    case 'hyperliquid':
      return {
        venue,
        kind,
        asset,
        id: base,
        quote: 'USDC',
        settle: 'USDC',
        contractSize: 1,
        lotSize: asset.amountStep,
      };
  }
}

/** Every instrument a venue lists for the universe: linear for all assets, inverse where the asset has one. */
export function listInstruments(
  venue: Venue,
  assets: readonly ResolvedAsset[],
  kind?: MarketKind,
): readonly Instrument[] {
  // Every request looks its instrument up here: the lists are built once per universe (instruments are immutable).
  let byKey = listed.get(assets);
  if (!byKey) {
    byKey = new Map();
    listed.set(assets, byKey);
  }
  const key = `${venue}|${kind ?? 'all'}`;
  let list = byKey.get(key);
  if (!list) {
    const kinds: MarketKind[] = kind ? [kind] : ['linear', 'inverse'];
    list = kinds.flatMap((k) =>
      assets.map((a) => instrument(venue, a, k)).filter((i): i is Instrument => i !== undefined),
    );
    byKey.set(key, list);
  }
  return list;
}

const listed = new WeakMap<readonly ResolvedAsset[], Map<string, readonly Instrument[]>>();

/** OKX linear face value: 0.01 BTC, 0.1 ETH, 1 SOL-class, 10 or 100 for cheap coins. */
function okxContractValue(price: number): number {
  if (price >= 10_000) return 0.01;
  if (price >= 1_000) return 0.1;
  if (price >= 5) return 1;
  if (price >= 0.1) return 10;
  return 100;
}

/** Base units → contracts for this instrument (inverse: USD notional → contracts), rounded to the lot. */
export function toContracts(inst: Instrument, amount: number, price: number): number {
  const raw = inst.kind === 'linear' ? amount / inst.contractSize : (amount * price) / inst.contractSize;
  return Math.max(inst.lotSize, roundToStep(raw, inst.lotSize));
}
