export interface SparklineProps {
  /** The series, oldest first. Non-finite values are dropped (never drawn as zero). */
  readonly values: readonly number[];
  /** What the line shows, for screen readers and the tooltip (e.g. "Funding per 8 h, last 7 days"). */
  readonly label: string;
  /** Said instead of the line when there are fewer than two points. */
  readonly emptyReason?: string;
  readonly width?: number;
  readonly height?: number;
  /** Draws a faint line at this value (e.g. 0 for funding) when it falls inside the range. */
  readonly baseline?: number;
  readonly testId?: string;
}

/** Points of the polyline in a width × height box (y grows downwards), with a 1 px margin top and bottom. */
export function sparklinePoints(
  values: readonly number[],
  width: number,
  height: number,
): { readonly points: string; readonly min: number; readonly max: number } | null {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length < 2) return null;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min;
  const y = (value: number) => (span === 0 ? height / 2 : 1 + ((max - value) / span) * (height - 2));
  const step = width / (finite.length - 1);
  const points = finite.map((value, index) => `${round(index * step)},${round(y(value))}`).join(' ');
  return { points, min, max };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** A small trend line (SVG, no axes). Presentational: the caller passes the numbers and says what they are. */
export function Sparkline({
  values,
  label,
  emptyReason = 'not enough history to draw a trend',
  width = 120,
  height = 28,
  baseline,
  testId,
}: SparklineProps) {
  const line = sparklinePoints(values, width, height);
  if (line === null) {
    return (
      <span className="sparkline sparkline--empty" title={`${label}: ${emptyReason}`} data-testid={testId}>
        —
      </span>
    );
  }
  const span = line.max - line.min;
  const baseY =
    baseline !== undefined && span > 0 && baseline >= line.min && baseline <= line.max
      ? round(1 + ((line.max - baseline) / span) * (height - 2))
      : null;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={line.points}
    >
      <title>{label}</title>
      {baseY !== null && <line className="sparkline__baseline" x1={0} x2={width} y1={baseY} y2={baseY} />}
      <polyline className="sparkline__line" points={line.points} fill="none" />
    </svg>
  );
}
