import type { ScenarioSpecInput } from '../scenario-spec';

/**
 * One account per venue, mixing isolated and cross, long and short, linear and inverse; one position per venue is
 * close to liquidation at minute 0 (Binance SOL 20× isolated, OKX ETH 25× isolated). The Bybit account is a
 * unified account in regular (cross) margin mode, where margin mode is account-level and Bybit reports no
 * per-position liquidation price (liquidation.md §3c). Keys are simulator-only
 * credentials (the simulator verifies signatures with them); they open nothing anywhere else.
 */
export const DEMO_ACCOUNTS: ScenarioSpecInput['accounts'] = [
  {
    id: 'sim-binance-1',
    venue: 'binance',
    label: 'Binance futures',
    apiKey: 'simBinanceReadOnlyKey0001',
    secret: 'simBinanceSecret0001',
    balances: { USDT: 30_000, BTC: 0.5 },
    positions: [
      { base: 'BTC', kind: 'linear', side: 'long', size: 0.6, entry: 0.97, leverage: 10, marginMode: 'cross' },
      { base: 'ETH', kind: 'linear', side: 'short', size: 8, entry: 1.02, leverage: 5, marginMode: 'cross' },
      { base: 'SOL', kind: 'linear', side: 'long', size: 400, entry: 1, leverage: 20, marginMode: 'isolated' },
      { base: 'BTC', kind: 'inverse', side: 'long', size: 20_000, entry: 0.99, leverage: 5, marginMode: 'isolated' },
    ],
  },
  {
    id: 'sim-bybit-1',
    venue: 'bybit',
    label: 'Bybit unified',
    apiKey: 'simBybitReadOnlyKey0001',
    secret: 'simBybitSecret0001',
    balances: { USDT: 20_000, BTC: 0.3 },
    positions: [
      { base: 'BTC', kind: 'linear', side: 'long', size: 0.4, entry: 0.98, leverage: 8, marginMode: 'cross' },
      { base: 'ETH', kind: 'linear', side: 'long', size: 5, entry: 0.995, leverage: 15, marginMode: 'cross' },
      { base: 'XRP', kind: 'linear', side: 'short', size: 30_000, entry: 1.01, leverage: 5, marginMode: 'cross' },
      { base: 'BTC', kind: 'inverse', side: 'short', size: 10_000, entry: 1, leverage: 3, marginMode: 'cross' },
    ],
  },
  {
    id: 'sim-okx-1',
    venue: 'okx',
    label: 'OKX trading',
    apiKey: 'simOkxReadOnlyKey0001',
    secret: 'simOkxSecret0001',
    passphrase: 'simOkxPassphrase1',
    balances: { USDT: 15_000, BTC: 0.2 },
    positions: [
      { base: 'BTC', kind: 'linear', side: 'long', size: 0.3, entry: 0.99, leverage: 10, marginMode: 'cross' },
      { base: 'ETH', kind: 'linear', side: 'long', size: 4, entry: 1, leverage: 25, marginMode: 'isolated' },
      { base: 'BTC', kind: 'inverse', side: 'short', size: 5_000, entry: 1, leverage: 5, marginMode: 'isolated' },
      { base: 'DOGE', kind: 'linear', side: 'short', size: 50_000, entry: 1.03, leverage: 4, marginMode: 'cross' },
    ],
  },
  {
    id: 'sim-hyperliquid-1',
    venue: 'hyperliquid',
    label: 'Hyperliquid wallet',
    apiKey: 'unused-hyperliquid-reads-are-unsigned',
    secret: 'unused',
    walletAddress: '0x5e1f0000000000000000000000000000000d3e00',
    balances: { USDC: 12_000 },
    positions: [
      { base: 'BTC', kind: 'linear', side: 'long', size: 0.25, entry: 0.995, leverage: 15, marginMode: 'cross' },
      { base: 'ETH', kind: 'linear', side: 'short', size: 3, entry: 1.01, leverage: 10, marginMode: 'isolated' },
      { base: 'SOL', kind: 'linear', side: 'long', size: 150, entry: 0.98, leverage: 10, marginMode: 'cross' },
    ],
  },
];
