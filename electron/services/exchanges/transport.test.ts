import { describe, expect, it } from 'vitest';
import { Simulator } from '../../simulator/simulator';
import { inProcessFetch } from '../../simulator/in-process';
import {
  ALL_VENUE_HOSTS,
  BlockedHostError,
  guardedTransport,
  loopbackTransport,
  productionTransport,
} from './transport';

/** Every transport refuses hosts outside its allow-list before any byte leaves (exchanges-offline.md §8). */
describe('transports refuse hosts outside their allow-list', () => {
  const sim = new Simulator({ scenario: 'calm' });
  it.each([
    ['production', productionTransport()],
    ['loopback', loopbackTransport('http://127.0.0.1:9', sim.hosts)],
    ['in-process', guardedTransport(inProcessFetch(sim), sim.hosts)],
  ])('%s', async (_name, transport) => {
    for (const url of [
      'https://evil.example.com/fapi/v1/time',
      'https://fapi.binance.com.evil.io/x',
      'http://fapi.binance.com/fapi/v1/time',
    ]) {
      await expect(transport(url)).rejects.toBeInstanceOf(BlockedHostError);
    }
  });

  it('production allows exactly the four venues hosts', () => {
    expect([...ALL_VENUE_HOSTS].sort()).toEqual([
      'api.binance.com',
      'api.bybit.com',
      'api.hyperliquid.xyz',
      'dapi.binance.com',
      'fapi.binance.com',
      'www.okx.com',
    ]);
    expect([...sim.hosts].sort()).toEqual([...ALL_VENUE_HOSTS].sort());
  });
});
