import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LineChart, niceTicks } from './line-chart';

describe('niceTicks', () => {
  // Steps are 1, 2, 2.5 or 5 × 10ᵏ giving about five intervals over the range.
  const cases: readonly [number, number, number[]][] = [
    [0, 10, [0, 2, 4, 6, 8, 10]],
    [-18_400, 2_000, [-15_000, -10_000, -5_000, 0]],
    [-1, 1, [-1, -0.5, 0, 0.5, 1]],
    [5, 5, [5]],
  ];
  it.each(cases)('niceTicks(%d, %d)', (min, max, expected) => expect(niceTicks(min, max)).toEqual(expected));
});

describe('LineChart', () => {
  it('draws one line per series and every finite marker, dropping non-finite points', () => {
    const { container } = render(
      <LineChart
        series={[
          {
            id: 'a',
            label: 'Account A',
            points: [
              { x: -0.2, y: -100 },
              { x: 0, y: 0 },
              { x: 0.1, y: Number.NaN },
            ],
          },
          {
            id: 'b',
            label: 'Account B',
            points: [
              { x: -0.2, y: 50 },
              { x: 0.1, y: -25 },
            ],
          },
        ]}
        markers={[
          { id: 'm1', x: -0.1, y: -50, series: 0, shape: 'circle', label: 'A liquidated at −10 %' },
          { id: 'm2', x: Number.POSITIVE_INFINITY, y: 0, series: 1, shape: 'diamond', label: 'never drawn' },
        ]}
        xTicks={[-0.2, -0.1, 0, 0.1]}
        formatX={(x) => `${Math.round(x * 100)} %`}
        formatY={(y) => String(y)}
        xLabel="BTC shock"
        yLabel="PnL"
        description="test chart"
        testId="chart"
      />,
    );
    expect(screen.getAllByTestId('chart-series')).toHaveLength(2);
    expect(screen.getAllByTestId('chart-marker')).toHaveLength(1);
    expect(screen.getByTestId('chart-marker').textContent).toBe('A liquidated at −10 %');
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe('test chart');
    expect(container.innerHTML).not.toMatch(/NaN|Infinity/);
    expect(screen.getByText('Account B')).toBeTruthy();
  });
});
