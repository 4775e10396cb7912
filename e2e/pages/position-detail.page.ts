import type { Locator, Page } from '@playwright/test';

export interface ChartLineData {
  readonly kind: 'entry' | 'mark' | 'liq-ours' | 'liq-exchange' | 'stop';
  readonly price: number;
}

/** What the detail shows at one moment, read in one pass so an automatic refresh cannot fall between the reads. */
export interface DetailReading {
  readonly positionId: string;
  readonly lines: readonly ChartLineData[];
  readonly legend: readonly string[];
  /** The card's figures as displayed (e.g. "143.59"), or null when absent. */
  readonly entry: string | null;
  readonly mark: string | null;
  readonly liqOurs: string | null;
  readonly liqExchange: string | null;
  /** The ladder table's trigger prices (exact, from the rows' data attribute). */
  readonly triggers: readonly number[];
  readonly canvas: { readonly width: number; readonly height: number } | null;
}

/** The position detail opened from the dashboard: chart, key figures, suggestions, market conditions. */
export class PositionDetailPage {
  readonly panel: Locator;
  readonly detail: Locator;
  readonly chart: Locator;
  readonly timeframe: Locator;
  readonly suggestions: Locator;
  readonly ladderRows: Locator;
  readonly market: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('position-detail-panel');
    this.detail = page.getByTestId('position-detail');
    this.chart = page.getByTestId('position-detail-chart');
    this.timeframe = page.getByTestId('position-detail-timeframe');
    this.suggestions = page.getByTestId('position-detail-suggestions');
    this.ladderRows = page.getByTestId('position-detail-ladder-row');
    this.market = page.getByTestId('position-detail-market');
  }

  /** Opens a position from the dashboard table (a row) and waits for its chart. */
  async openFrom(row: Locator): Promise<void> {
    await row.click();
    await this.chart.waitFor();
  }

  async chooseTimeframe(label: '1 h' | '1 d'): Promise<void> {
    await this.timeframe.getByText(label, { exact: true }).click();
  }

  /** Scrolls the main area so the detail starts at the top (for screenshots). */
  async scrollToTop(): Promise<void> {
    await this.panel.evaluate((element) => {
      element.scrollIntoView({ block: 'start' });
    });
  }

  async read(): Promise<DetailReading> {
    return this.page.evaluate(() => {
      const byTestId = (id: string) => document.querySelector(`[data-testid="${id}"]`);
      const text = (id: string) => byTestId(id)?.textContent ?? null;
      const chart = byTestId('position-detail-chart');
      const canvas = chart?.querySelector('canvas') ?? null;
      return {
        positionId: byTestId('position-detail')?.getAttribute('data-position-id') ?? '',
        lines: JSON.parse(chart?.getAttribute('data-lines') ?? '[]') as ChartLineData[],
        legend: Array.from(
          document.querySelectorAll('[data-testid="position-detail-chart-legend"] li'),
          (li) => li.textContent,
        ),
        entry: text('position-detail-entry'),
        mark: text('position-detail-mark'),
        liqOurs: text('position-detail-liq-ours'),
        liqExchange: text('position-detail-liq-exchange'),
        triggers: Array.from(document.querySelectorAll('[data-testid="position-detail-ladder-row"]'), (row) =>
          Number(row.getAttribute('data-trigger')),
        ),
        canvas: canvas === null ? null : { width: canvas.width, height: canvas.height },
      };
    });
  }
}

/** "143.59" → 143.59 and the half-unit of its last digit (0.005): a displayed figure matches a price within that. */
export function displayed(text: string | null): { readonly value: number; readonly halfUnit: number } | null {
  if (text === null || text === '—') return null;
  const clean = text.replace(/,/g, '').replace('−', '-');
  const decimals = clean.includes('.') ? clean.length - clean.indexOf('.') - 1 : 0;
  return { value: Number(clean), halfUnit: 0.5 * 10 ** -decimals };
}
