import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/ipc/contract';
import { SCENARIO_IDS } from '../../simulator/scenarios/index';

describe('demo scenarios', () => {
  it('the contract offers exactly the simulator scenarios (shared/ cannot import the simulator, so they are listed twice)', () => {
    const offered = contract.startDemo.args.shape.scenario.unwrap().options;
    expect([...offered].sort()).toEqual([...SCENARIO_IDS].sort());
  });
});
