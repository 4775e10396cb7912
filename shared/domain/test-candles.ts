import { emptyCandleSeries, type CandleSeries } from './market';

/** One bar as tests write it; production code builds `CandleSeries` columns directly. */
export interface TestBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Tests only: a candle series (columns) from bars, oldest first, so a fixture can stay one readable bar per line. */
export function seriesFromBars(bars: readonly TestBar[]): CandleSeries {
  const series = emptyCandleSeries();
  for (const b of bars) {
    series.time.push(b.time);
    series.open.push(b.open);
    series.high.push(b.high);
    series.low.push(b.low);
    series.close.push(b.close);
    series.volume.push(b.volume);
  }
  return series;
}

/** Tests only: bar `index` of a series as one object (a negative index counts from the end, as `Array.prototype.at`). */
export function barAt(series: CandleSeries, index: number): TestBar | undefined {
  const i = index < 0 ? series.time.length + index : index;
  const time = series.time[i];
  if (time === undefined) return undefined;
  return {
    time,
    open: series.open[i] as number,
    high: series.high[i] as number,
    low: series.low[i] as number,
    close: series.close[i] as number,
    volume: series.volume[i] as number,
  };
}
