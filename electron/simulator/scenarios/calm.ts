import type { ScenarioSpecInput } from '../scenario-spec';
import { DEMO_ACCOUNTS } from './accounts';
import { UNIVERSE } from './universe';

/** A quiet market: prices drift within their usual daily range, funding 0.01 %/8 h, balanced positioning. */
export const CALM: ScenarioSpecInput = {
  id: 'calm',
  title: 'Calm market',
  description: 'Prices drift within their usual range; funding 0.01 %/8 h, open interest flat, long/short near 1.',
  seed: 20240301,
  assets: UNIVERSE,
  path: [
    { minute: -60 * 24 * 90, price: 0.97, funding8h: 0.0001, openInterest: 0.97, longShort: 1.05, depth: 1 },
    { minute: -60 * 24, price: 0.995, funding8h: 0.0001, openInterest: 1, longShort: 1.08, depth: 1 },
    { minute: 0, price: 1, funding8h: 0.0001, openInterest: 1.01, longShort: 1.1, depth: 1 },
    { minute: 60 * 24, price: 1.004, funding8h: 0.0001, openInterest: 1.01, longShort: 1.1, depth: 1 },
  ],
  accounts: DEMO_ACCOUNTS,
};
