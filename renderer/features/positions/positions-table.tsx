import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { VENUE_LABELS, VENUES, type Venue } from '../../../shared/domain/venue';
import { SeverityPill } from './severity-pill';
import {
  DEFAULT_SORT,
  formatNumber,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatUsd,
  nextSort,
  sortRows,
  type PositionRow,
  type SortKey,
  type SortState,
} from './position-rows';

const ROW_HEIGHT = 30;
/** Rows drawn beyond the visible window, so fast scrolling does not show blanks. */
const OVERSCAN = 8;

interface Column {
  readonly key: SortKey;
  readonly label: string;
  readonly title?: string;
  readonly text?: boolean;
  readonly cell: (row: PositionRow) => ReactNode;
}

const COLUMNS: readonly Column[] = [
  {
    key: 'venue',
    label: 'Venue',
    text: true,
    cell: (row) => <span title={row.accountLabel}>{VENUE_LABELS[row.venue]}</span>,
  },
  { key: 'symbol', label: 'Symbol', text: true, cell: (row) => row.symbol },
  {
    key: 'side',
    label: 'Side',
    text: true,
    cell: (row) => <span className={`side side--${row.side}`}>{row.side === 'long' ? 'Long' : 'Short'}</span>,
  },
  {
    key: 'notionalUsd',
    label: 'Size',
    title: 'Size in coin and notional at mark',
    cell: (row) => (
      <>
        {formatQuantity(row.quantityBase)} {row.base} <span className="dim">{formatUsd(row.notionalUsd)}</span>
      </>
    ),
  },
  {
    key: 'leverage',
    label: 'Lev.',
    cell: (row) => (row.leverage === null ? '—' : `${formatNumber(row.leverage, 1)}×`),
  },
  {
    key: 'marginMode',
    label: 'Margin',
    text: true,
    cell: (row) => (row.marginMode === 'cross' ? 'Cross' : 'Isolated'),
  },
  { key: 'entry', label: 'Entry', cell: (row) => formatPrice(row.entry, row.priceDecimals) },
  { key: 'mark', label: 'Mark', cell: (row) => formatPrice(row.mark, row.priceDecimals) },
  {
    key: 'liqOurs',
    label: 'Liq. ours',
    title: 'Our venue-exact liquidation price',
    cell: (row) => (
      <>
        {row.discrepancy !== null && (
          <span
            className="discrepancy"
            title={row.discrepancy}
            aria-label={`Differs from the exchange: ${row.discrepancy}`}
          >
            ≠{' '}
          </span>
        )}
        {formatPrice(row.liqOurs, row.priceDecimals)}
      </>
    ),
  },
  {
    key: 'liqExchange',
    label: 'Liq. exch.',
    title: 'The exchange’s own liquidation price',
    cell: (row) => formatPrice(row.liqExchange, row.priceDecimals),
  },
  {
    key: 'distanceFraction',
    label: 'Dist.',
    title: 'Distance to liquidation, % of mark',
    cell: (row) => formatPercent(row.distanceFraction),
  },
  {
    key: 'distanceAtr',
    label: 'ATR',
    title: 'Distance in ATR(14) units',
    cell: (row) => formatNumber(row.distanceAtr, 1),
  },
  {
    key: 'distanceSigma',
    label: 'σ/day',
    title: 'Distance in daily standard deviations',
    cell: (row) => formatNumber(row.distanceSigma, 1),
  },
  {
    key: 'touch24h',
    label: 'Touch 24 h',
    title: 'Probability of touching the liquidation price within 24 h (fat-tailed)',
    cell: (row) => formatPercent(row.touch24h),
  },
  {
    key: 'severity',
    label: 'Risk',
    cell: (row) => <SeverityPill severity={row.severity} title={row.severityReasons.join(' ')} />,
  },
];

export interface PositionsTableProps {
  readonly rows: readonly PositionRow[];
  readonly onOpen: (positionId: string) => void;
}

/**
 * Sortable by every column (click a header), filterable by venue, navigable by keyboard (↑/↓, Home/End, Enter
 * opens the detail). Only the visible rows are in the DOM, so 500 positions scroll and re-render smoothly.
 */
export function PositionsTable({ rows, onOpen }: PositionsTableProps) {
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [venue, setVenue] = useState<Venue | 'all'>('all');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const scroller = useRef<HTMLDivElement>(null);

  const venuesPresent = useMemo(() => VENUES.filter((v) => rows.some((row) => row.venue === v)), [rows]);
  const visible = useMemo(
    () => sortRows(venue === 'all' ? rows : rows.filter((row) => row.venue === venue), sort),
    [rows, venue, sort],
  );
  /** -1 until the trader picks a row: the first ↓ then lands on the first row. */
  const activeIndex = visible.findIndex((row) => row.id === activeId);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element === null) return;
    const measure = () => setViewport(element.clientHeight || 600);
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(element);
    return () => observer?.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(visible.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  const moveTo = (index: number) => {
    const bounded = Math.min(visible.length - 1, Math.max(0, index));
    const row = visible[bounded];
    if (row === undefined) return;
    setActiveId(row.id);
    const element = scroller.current;
    if (element === null) return;
    const top = bounded * ROW_HEIGHT;
    const headerHeight = ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT + headerHeight > element.scrollTop + element.clientHeight) {
      element.scrollTop = top + ROW_HEIGHT + headerHeight - element.clientHeight;
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: visible.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter') {
      const row = visible[activeIndex];
      if (row !== undefined) onOpen(row.id);
    }
  };

  return (
    <div className="positions">
      {venuesPresent.length > 1 && (
        <div className="positions__filter" role="group" aria-label="Filter by venue">
          {(['all', ...venuesPresent] as const).map((option) => (
            <button
              key={option}
              type="button"
              className={`chip ${venue === option ? 'is-selected' : ''}`}
              aria-pressed={venue === option}
              onClick={() => setVenue(option)}
              data-testid={`positions-filter-${option}-button`}
            >
              {option === 'all'
                ? `All (${rows.length})`
                : `${VENUE_LABELS[option]} (${rows.filter((row) => row.venue === option).length})`}
            </button>
          ))}
        </div>
      )}
      <div
        className="table-wrap positions__scroller"
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Positions: arrow keys move, Enter opens the detail"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        data-testid="positions-table-scroller"
      >
        <table className="data-table" data-testid="positions-table" aria-rowcount={visible.length + 1}>
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.text === true ? 'text' : undefined}
                  title={column.title}
                  aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="th-button"
                    onClick={() => setSort(nextSort(sort, column.key))}
                    data-testid={`positions-sort-${column.key}-button`}
                  >
                    {column.label}
                    <span className="th-arrow" aria-hidden="true">
                      {sort.key === column.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first > 0 && (
              <tr aria-hidden="true" style={{ height: first * ROW_HEIGHT }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
            {visible.slice(first, last).map((row, offset) => {
              const index = first + offset;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={index + 2}
                  aria-selected={index === activeIndex}
                  className={`positions__row severity-row--${row.severity} ${index === activeIndex ? 'is-active' : ''}`}
                  onClick={() => {
                    setActiveId(row.id);
                    onOpen(row.id);
                  }}
                  data-testid="positions-row"
                  data-position-id={row.id}
                  data-severity={row.severity}
                >
                  {COLUMNS.map((column) => (
                    <td key={column.key} className={column.text === true ? 'text' : undefined}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              );
            })}
            {last < visible.length && (
              <tr aria-hidden="true" style={{ height: (visible.length - last) * ROW_HEIGHT }}>
                <td colSpan={COLUMNS.length} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
