import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline, sparklinePoints } from './sparkline';

describe('sparklinePoints', () => {
  it.each([
    // Three points in a 100 × 12 box: x at 0, 50, 100; the max on the top margin (y = 1), the min on the bottom
    // (y = 11), the middle value half way (y = 6).
    { values: [1, 3, 2], points: '0,11 50,1 100,6' },
    // A flat series sits on the middle line rather than dividing by a zero range.
    { values: [5, 5], points: '0,6 100,6' },
    // NaN is dropped, not drawn as a zero: the two finite points span the box.
    { values: [2, Number.NaN, 4], points: '0,11 100,1' },
  ])('$values → $points', ({ values, points }) => {
    expect(sparklinePoints(values, 100, 12)?.points).toBe(points);
  });

  it('gives nothing to draw for fewer than two finite points', () => {
    expect(sparklinePoints([], 100, 12)).toBeNull();
    expect(sparklinePoints([1, Number.POSITIVE_INFINITY], 100, 12)).toBeNull();
  });
});

describe('Sparkline', () => {
  it('draws the line with its label', () => {
    render(<Sparkline values={[1, 3, 2]} width={100} height={12} label="Funding, 7 days" testId="s" />);
    const svg = screen.getByRole('img', { name: 'Funding, 7 days' });
    expect(svg.getAttribute('data-points')).toBe('0,11 50,1 100,6');
  });

  it('says why there is no line instead of drawing a flat zero', () => {
    render(<Sparkline values={[0.0001]} label="Funding, 7 days" emptyReason="one reading only" testId="s" />);
    const empty = screen.getByTestId('s');
    expect(empty.textContent).toBe('—');
    expect(empty.getAttribute('title')).toBe('Funding, 7 days: one reading only');
  });

  it('draws the baseline only when it falls inside the range', () => {
    const { container, rerender } = render(
      <Sparkline values={[-1, 1]} width={100} height={12} baseline={0} label="x" />,
    );
    expect(container.querySelector('.sparkline__baseline')?.getAttribute('y1')).toBe('6');
    rerender(<Sparkline values={[1, 2]} width={100} height={12} baseline={0} label="x" />);
    expect(container.querySelector('.sparkline__baseline')).toBeNull();
  });
});
