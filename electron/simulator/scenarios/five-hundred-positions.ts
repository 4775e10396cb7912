import type { ScenarioSpecInput } from '../scenario-spec';
import { MANY_POSITIONS } from './many-positions';

/**
 * The UI benchmark's load (issue 6: re-render after a refresh with 500 positions): the many-positions scenario
 * with 125 generated positions on each of the four venues' accounts.
 */
export const FIVE_HUNDRED_POSITIONS: ScenarioSpecInput = {
  ...MANY_POSITIONS,
  id: 'five-hundred-positions',
  title: 'Five hundred positions',
  description: 'Calm market; one account per venue holding 125 positions (UI benchmark load).',
  accounts: MANY_POSITIONS.accounts.map((account) => ({ ...account, generatedPositions: 125 })),
};
