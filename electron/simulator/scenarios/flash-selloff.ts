import type { ScenarioSpecInput } from '../scenario-spec';
import { DEMO_ACCOUNTS } from './accounts';
import { UNIVERSE } from './universe';

/**
 * A weekend BTC sell-off. Over the 24 h before minute 0 longs crowd in: funding climbs to 0.05 %/8 h and keeps
 * rising, open interest gains 15 %, the long/short account ratio passes 2.5 and book depth halves. From minute 3
 * the market drops 9.5 % in six minutes (×beta for alts: SOL −12 %), liquidating the most leveraged longs; open
 * interest and the ratio then unwind while funding falls back.
 */
export const FLASH_SELLOFF: ScenarioSpecInput = {
  id: 'flash-selloff',
  title: 'Flash sell-off',
  description:
    'Crowded longs (funding 0.05 %/8 h and rising, open interest +15 % in 24 h, long/short above 2.5, book depth halved), then a 9.5 % drop in six minutes with liquidations.',
  seed: 20240805,
  assets: UNIVERSE,
  path: [
    { minute: -60 * 24 * 90, price: 0.86, funding8h: 0.0001, openInterest: 0.8, longShort: 1.2, depth: 1.1 },
    { minute: -60 * 24 * 30, price: 0.93, funding8h: 0.0001, openInterest: 0.85, longShort: 1.4, depth: 1.05 },
    { minute: -60 * 24 * 7, price: 0.96, funding8h: 0.00015, openInterest: 0.9, longShort: 1.6, depth: 1.05 },
    { minute: -60 * 24, price: 0.985, funding8h: 0.0002, openInterest: 1, longShort: 1.9, depth: 1 },
    { minute: -60 * 12, price: 0.993, funding8h: 0.0003, openInterest: 1.06, longShort: 2.2, depth: 0.85 },
    { minute: -120, price: 0.999, funding8h: 0.00045, openInterest: 1.12, longShort: 2.55, depth: 0.65 },
    { minute: 0, price: 1, funding8h: 0.0005, openInterest: 1.15, longShort: 2.7, depth: 0.5 },
    { minute: 3, price: 1.001, funding8h: 0.00055, openInterest: 1.155, longShort: 2.8, depth: 0.48 },
    { minute: 5, price: 0.975, funding8h: 0.0004, openInterest: 1.12, longShort: 2.4, depth: 0.35 },
    { minute: 7, price: 0.93, funding8h: 0.0002, openInterest: 1.04, longShort: 1.9, depth: 0.28 },
    { minute: 9, price: 0.906, funding8h: 0.0001, openInterest: 0.98, longShort: 1.6, depth: 0.3 },
    { minute: 20, price: 0.915, funding8h: 0.00005, openInterest: 0.96, longShort: 1.5, depth: 0.45 },
    { minute: 120, price: 0.92, funding8h: 0.0001, openInterest: 0.95, longShort: 1.4, depth: 0.7 },
    { minute: 60 * 24, price: 0.93, funding8h: 0.0001, openInterest: 0.97, longShort: 1.3, depth: 0.9 },
  ],
  accounts: DEMO_ACCOUNTS,
};
