import { ScenarioSpecSchema, type ScenarioSpec } from '../scenario-spec';
import { CALM } from './calm';
import { FIVE_HUNDRED_POSITIONS } from './five-hundred-positions';
import { FLASH_SELLOFF } from './flash-selloff';
import { MANY_POSITIONS } from './many-positions';

export const SCENARIO_IDS = ['calm', 'flash-selloff', 'many-positions', 'five-hundred-positions'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

const SOURCES = {
  calm: CALM,
  'flash-selloff': FLASH_SELLOFF,
  'many-positions': MANY_POSITIONS,
  'five-hundred-positions': FIVE_HUNDRED_POSITIONS,
} as const;

/** The scenario data file with that id, validated (a malformed data file fails loudly here, not mid-demo). */
export const loadScenario = (id: ScenarioId): ScenarioSpec => ScenarioSpecSchema.parse(SOURCES[id]);
