import { describe, expect, it } from 'vitest';
import type { PositionRisk, Severity } from '../../../shared/domain/risk-report';
import { detectCrossings } from './alerts';

const position = (id: string, severity: Severity) => ({ positionId: id, severity }) as PositionRisk;
const run = (steps: Severity[][]) => {
  let memory: Map<string, Severity> | null = null;
  return steps.map((severities) => {
    const { crossings, next } = detectCrossings(
      memory,
      severities.map((s, i) => position(`p${i}`, s)),
    );
    memory = next;
    return crossings.map((c) => `${c.position.positionId}:${c.from ?? 'new'}→${c.to}`);
  });
};

describe('danger alerts fire once per crossing', () => {
  it.each([
    ['nothing on the first look, even if already critical', [['critical', 'safe']], [[]]],
    [
      'a rise into danger alerts once, staying there does not',
      [['watch'], ['danger'], ['danger'], ['danger']],
      [[], ['p0:watch→danger'], [], []],
    ],
    [
      'danger then critical alerts twice',
      [['safe'], ['danger'], ['critical']],
      [[], ['p0:safe→danger'], ['p0:danger→critical']],
    ],
    [
      'falling back and rising again alerts again',
      [['watch'], ['danger'], ['watch'], ['danger']],
      [[], ['p0:watch→danger'], [], ['p0:watch→danger']],
    ],
    ['a new position already in danger alerts', [['safe'], ['safe', 'danger']], [[], ['p1:new→danger']]],
    ['critical falling to danger does not alert', [['critical'], ['danger']], [[], []]],
  ] as const)('%s', (_name, steps, expected) => {
    expect(run(steps.map((s) => [...s]))).toEqual(expected);
  });
});
