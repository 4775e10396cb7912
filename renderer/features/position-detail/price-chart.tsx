import {
  CandlestickSeries,
  ColorType,
  createChart,
  LineStyle,
  type AutoscaleInfo,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import type { CandleSeries } from '../../../shared/domain/market';
import { stepDecimals } from '../../../shared/risk/format';
import { linesInReach, type ChartLine, type ChartLineKind } from './chart-lines';

/** The colours the chart draws with, read from the theme's CSS variables (styles.css) so it follows dark/light. */
export interface ChartTheme {
  readonly background: string;
  readonly text: string;
  readonly grid: string;
  readonly border: string;
  readonly up: string;
  readonly down: string;
  readonly lines: Readonly<Record<ChartLineKind, string>>;
}

export function readChartTheme(getVar: (name: string) => string): ChartTheme {
  const v = (name: string, fallback: string) => {
    const value = getVar(name).trim();
    return value === '' ? fallback : value;
  };
  return {
    background: v('--bg-raised', '#12161d'),
    text: v('--text-muted', '#8b96a5'),
    grid: v('--border', '#222a35'),
    border: v('--border-strong', '#2f3a48'),
    up: v('--up', '#2ebd85'),
    down: v('--down', '#f6465d'),
    lines: {
      entry: v('--text-muted', '#8b96a5'),
      mark: v('--focus', '#4da3ff'),
      'liq-ours': v('--critical', '#ff2e63'),
      'liq-exchange': v('--danger', '#f6465d'),
      stop: v('--watch', '#e0a800'),
    },
  };
}

const documentTheme = () => {
  const style = getComputedStyle(document.documentElement);
  return readChartTheme((name) => style.getPropertyValue(name));
};

const LINE_STYLE: Readonly<Record<ChartLineKind, { style: LineStyle; width: 1 | 2 }>> = {
  entry: { style: LineStyle.Dashed, width: 1 },
  mark: { style: LineStyle.Solid, width: 1 },
  'liq-ours': { style: LineStyle.Solid, width: 2 },
  'liq-exchange': { style: LineStyle.Dashed, width: 1 },
  stop: { style: LineStyle.LargeDashed, width: 1 },
};

/** The theme, re-read whenever the app switches theme or colour scheme (attributes on <html>). */
function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(documentTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(documentTheme()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'data-color-scheme'],
    });
    return () => observer.disconnect();
  }, []);
  return theme;
}

/**
 * Candles with the position's price lines (lightweight-charts v5). Resizes with its container (autoSize), follows
 * the theme, and is removed on unmount. The scale stretches to include the lines near the mark (linesInReach).
 */
export function PriceChart({
  candles,
  lines,
  tickSize,
}: {
  readonly candles: CandleSeries;
  readonly lines: readonly ChartLine[];
  readonly tickSize: number | null;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<IChartApi | null>(null);
  const seriesRef = useRef<ISeriesApi<'Candlestick'> | null>(null);
  const reachRef = useRef<readonly ChartLine[]>([]);
  const theme = useChartTheme();

  // Create once; remove on unmount.
  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const chart = createChart(container, {
      autoSize: true,
      // The built-in logo injects a <style> element, which the strict CSP refuses; the attribution the licence asks
      // for is written under the chart instead (position-detail.tsx).
      layout: { attributionLogo: false },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    const series = chart.addSeries(CandlestickSeries, {
      priceLineVisible: false,
      lastValueVisible: false,
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null): AutoscaleInfo | null => {
        const base = original();
        const prices = reachRef.current.map((line) => line.price);
        if (prices.length === 0) return base;
        const min = Math.min(...prices, base?.priceRange?.minValue ?? Infinity);
        const max = Math.max(...prices, base?.priceRange?.maxValue ?? -Infinity);
        return { priceRange: { minValue: min, maxValue: max }, margins: { above: 12, below: 12 } };
      },
    });
    chartRef.current = chart;
    seriesRef.current = series;
    return () => {
      chart.remove();
      chartRef.current = null;
      seriesRef.current = null;
    };
  }, []);

  // Colours.
  useEffect(() => {
    chartRef.current?.applyOptions({
      layout: { background: { type: ColorType.Solid, color: theme.background }, textColor: theme.text },
      grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
      rightPriceScale: { borderColor: theme.border },
      timeScale: { borderColor: theme.border },
    });
    seriesRef.current?.applyOptions({
      upColor: theme.up,
      downColor: theme.down,
      borderUpColor: theme.up,
      borderDownColor: theme.down,
      wickUpColor: theme.up,
      wickDownColor: theme.down,
    });
  }, [theme]);

  // Candles.
  useEffect(() => {
    const series = seriesRef.current;
    if (series === null) return;
    if (tickSize !== null && tickSize > 0) {
      series.applyOptions({ priceFormat: { type: 'price', precision: stepDecimals(tickSize), minMove: tickSize } });
    }
    const { open, high, low, close } = candles;
    series.setData(
      candles.time.map((time, i) => ({
        time: Math.floor(time / 1000) as UTCTimestamp,
        open: open[i] as number,
        high: high[i] as number,
        low: low[i] as number,
        close: close[i] as number,
      })),
    );
    chartRef.current?.timeScale().fitContent();
  }, [candles, tickSize]);

  // Price lines.
  useEffect(() => {
    const series = seriesRef.current;
    if (series === null) return;
    reachRef.current = linesInReach(lines);
    const created: IPriceLine[] = lines.map((line) =>
      series.createPriceLine({
        price: line.price,
        color: theme.lines[line.kind],
        lineWidth: LINE_STYLE[line.kind].width,
        lineStyle: LINE_STYLE[line.kind].style,
        axisLabelVisible: true,
        title: line.title,
      }),
    );
    return () => {
      // On unmount the chart (and its lines) is already gone.
      if (seriesRef.current !== series) return;
      for (const priceLine of created) series.removePriceLine(priceLine);
    };
  }, [lines, theme]);

  return <div className="price-chart" ref={containerRef} data-testid="position-detail-chart-canvas" />;
}
