import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  formatPrice,
  formatQuantity,
  formatUsd,
  nextSort,
  sortRows,
  type PositionRow,
} from './position-rows';

const row = (id: string, changes: Partial<PositionRow>): PositionRow => ({
  id,
  venue: 'binance',
  accountLabel: 'main',
  symbol: 'BTC/USDT:USDT',
  side: 'long',
  quantityBase: 1,
  base: 'BTC',
  notionalUsd: 100_000,
  leverage: 10,
  marginMode: 'isolated',
  entry: 100_000,
  mark: 100_000,
  liqOurs: 90_000,
  liqExchange: 90_000,
  discrepancy: null,
  distanceFraction: 0.1,
  distanceAtr: 4,
  distanceSigma: 3,
  touch24h: 0.001,
  severity: 'safe',
  severityReasons: [],
  priceDecimals: 2,
  ...changes,
});

const ids = (rows: readonly PositionRow[]) => rows.map((r) => r.id);

describe('positions table model', () => {
  it('sorts by severity, worst first, by default; ties by nearest σ distance', () => {
    const rows = [
      row('a', { severity: 'watch', distanceSigma: 3.5 }),
      row('b', { severity: 'critical', distanceSigma: 0.8 }),
      row('c', { severity: 'watch', distanceSigma: 2.5 }),
      row('d', { severity: 'safe' }),
      row('e', { severity: 'danger' }),
    ];
    expect(ids(sortRows(rows, DEFAULT_SORT))).toEqual(['b', 'e', 'c', 'a', 'd']);
  });

  it('puts unknown values last in either direction', () => {
    const rows = [row('a', { leverage: 5 }), row('b', { leverage: null }), row('c', { leverage: 20 })];
    expect(ids(sortRows(rows, { key: 'leverage', direction: 'desc' }))).toEqual(['c', 'a', 'b']);
    expect(ids(sortRows(rows, { key: 'leverage', direction: 'asc' }))).toEqual(['a', 'c', 'b']);
  });

  it('sorts text columns by the venue name the trader reads', () => {
    const rows = [row('h', { venue: 'hyperliquid' }), row('o', { venue: 'okx' }), row('b', { venue: 'bybit' })];
    expect(ids(sortRows(rows, { key: 'venue', direction: 'asc' }))).toEqual(['b', 'h', 'o']);
  });

  it('a second click on a column reverses it; a new column starts where a trader expects', () => {
    expect(nextSort(DEFAULT_SORT, 'severity')).toEqual({ key: 'severity', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'notionalUsd')).toEqual({ key: 'notionalUsd', direction: 'desc' });
    expect(nextSort(DEFAULT_SORT, 'symbol')).toEqual({ key: 'symbol', direction: 'asc' });
  });

  it.each([
    [null, '—'],
    [950, '$950'],
    [45_678, '$45.7k'],
    [1_234_567, '$1.23M'],
    [-2_500_000_000, '$−2.50B'],
  ])('formatUsd(%j) = %s', (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });
});

describe('position figures read as the venue quotes them', () => {
  it.each([
    [0.5498, 4, '0.5498'],
    [68012.8, 1, '68,012.8'],
    [143.5924, null, '143.5924'],
  ])('formatPrice(%j, %j decimals) = %s', (value, decimals, text) => {
    expect(formatPrice(value, decimals)).toBe(text);
  });

  it.each([
    [400, '400'],
    [0.2941, '0.2941'],
    [30000, '30,000'],
    [1.5, '1.5'],
  ])('formatQuantity(%j) = %s', (value, text) => {
    expect(formatQuantity(value)).toBe(text);
  });
});
