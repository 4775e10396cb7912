import type { ScenarioSpecInput } from '../scenario-spec';
import { CALM } from './calm';

/**
 * The benchmark's load: one account per venue with 50 generated positions each, over a universe of 60 assets
 * (the 10 named ones plus 50 synthetic), calm market path.
 */
export const MANY_POSITIONS: ScenarioSpecInput = {
  ...CALM,
  id: 'many-positions',
  title: 'Fifty positions per venue',
  description: 'Calm market; one account per venue holding 50 positions across 60 markets (benchmark load).',
  generatedAssets: 50,
  accounts: CALM.accounts.map((account) => ({
    ...account,
    positions: [],
    balances: Object.fromEntries(Object.entries(account.balances).map(([ccy, amount]) => [ccy, amount * 40])),
    generatedPositions: 50,
  })),
};
