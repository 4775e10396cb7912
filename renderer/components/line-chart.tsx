export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  readonly points: readonly ChartPoint[];
}

export interface ChartMarker {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** Index of the series whose colour the marker takes. */
  readonly series: number;
  /** circle: one item (e.g. a position); diamond: the whole series (e.g. an account). */
  readonly shape: 'circle' | 'diamond';
  /** Said on hover and to screen readers. */
  readonly label: string;
}

export interface LineChartProps {
  readonly series: readonly ChartSeries[];
  readonly markers?: readonly ChartMarker[];
  readonly xTicks: readonly number[];
  readonly formatX: (x: number) => string;
  readonly formatY: (y: number) => string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** What the chart shows, for screen readers (the data should also be in a table). */
  readonly description: string;
  readonly testId?: string;
}

const WIDTH = 800;
const HEIGHT = 320;
const PAD = { left: 72, right: 16, top: 14, bottom: 42 };
/** Series colours cycle through this many CSS classes (line-chart__series--0 …). */
export const SERIES_COLOURS = 8;

/** Round steps (1, 2, 2.5, 5 × 10ᵏ) giving about `count` ticks across [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return ticks;
}

/**
 * A plain SVG line chart (no dependency): one polyline per series, markers on top, axes with ticks, a zero line, and
 * an HTML legend. Presentational: the caller passes finite numbers only (non-finite points are dropped).
 */
export function LineChart(props: LineChartProps) {
  const finite = (p: ChartPoint) => Number.isFinite(p.x) && Number.isFinite(p.y);
  const all = [...props.series.flatMap((s) => s.points), ...(props.markers ?? [])].filter(finite);
  const xs = [...all.map((p) => p.x), ...props.xTicks];
  const ys = [0, ...all.map((p) => p.y)];
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys));
  const yMin = Math.min(...ys, ...yTicks);
  const yMax = Math.max(...ys, ...yTicks);
  const sx = (x: number) => PAD.left + ((x - xMin) / (xMax - xMin || 1)) * (WIDTH - PAD.left - PAD.right);
  const sy = (y: number) => HEIGHT - PAD.bottom - ((y - yMin) / (yMax - yMin || 1)) * (HEIGHT - PAD.top - PAD.bottom);
  const colour = (i: number) => `line-chart__series--${i % SERIES_COLOURS}`;

  return (
    <figure className="line-chart" data-testid={props.testId}>
      <svg
        className="line-chart__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={props.description}
        preserveAspectRatio="xMidYMid meet"
      >
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="line-chart__grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={sy(t)} y2={sy(t)} />
            <text className="line-chart__tick" x={PAD.left - 6} y={sy(t)} textAnchor="end" dominantBaseline="middle">
              {props.formatY(t)}
            </text>
          </g>
        ))}
        {props.xTicks.map((t) => (
          <g key={`x${t}`}>
            <line className="line-chart__grid" x1={sx(t)} x2={sx(t)} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
            <text className="line-chart__tick" x={sx(t)} y={HEIGHT - PAD.bottom + 16} textAnchor="middle">
              {props.formatX(t)}
            </text>
          </g>
        ))}
        <line className="line-chart__zero" x1={PAD.left} x2={WIDTH - PAD.right} y1={sy(0)} y2={sy(0)} />
        <line className="line-chart__zero" x1={sx(0)} x2={sx(0)} y1={PAD.top} y2={HEIGHT - PAD.bottom} />
        <text
          className="line-chart__axis-label"
          x={(PAD.left + WIDTH - PAD.right) / 2}
          y={HEIGHT - 6}
          textAnchor="middle"
        >
          {props.xLabel}
        </text>
        <text
          className="line-chart__axis-label"
          x={14}
          y={(PAD.top + HEIGHT - PAD.bottom) / 2}
          textAnchor="middle"
          transform={`rotate(-90 14 ${(PAD.top + HEIGHT - PAD.bottom) / 2})`}
        >
          {props.yLabel}
        </text>
        {props.series.map((s, i) => {
          const points = s.points.filter(finite);
          if (points.length === 0) return null;
          return (
            <polyline
              key={s.id}
              className={`line-chart__line ${colour(i)}`}
              points={points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' ')}
              data-testid={props.testId === undefined ? undefined : `${props.testId}-series`}
            />
          );
        })}
        {(props.markers ?? []).filter(finite).map((m) => {
          const x = sx(m.x);
          const y = sy(m.y);
          return (
            <g
              key={m.id}
              className={`line-chart__marker ${colour(m.series)}`}
              data-testid={props.testId === undefined ? undefined : `${props.testId}-marker`}
              data-shape={m.shape}
            >
              <title>{m.label}</title>
              {m.shape === 'circle' ? (
                <circle cx={x} cy={y} r={5.5} />
              ) : (
                <polygon points={`${x},${y - 7} ${x + 7},${y} ${x},${y + 7} ${x - 7},${y}`} />
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="line-chart__legend">
        {props.series.map((s, i) => (
          <span key={s.id} className="line-chart__key">
            <span className={`line-chart__swatch ${colour(i)}`} aria-hidden="true" />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
