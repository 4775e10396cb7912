import type { Checklist, ChecklistItem } from '../domain/checklist';
import type { Severity } from '../domain/risk-report';
import { VENUE_LABELS } from '../domain/venue';
import { fmtSignedPct, formatUtc } from './text';

/**
 * The checklist laid out once as a sequence of blocks (headings, paragraphs, tables, checkbox lists), so Markdown,
 * HTML and PDF say exactly the same thing in the same order; each renderer only decides how a block looks.
 */
export interface TableColumn {
  readonly title: string;
  readonly align: 'left' | 'right';
  /** Relative width on paper (PDF); other renderers ignore it. */
  readonly weight: number;
}

export interface CheckboxLine {
  readonly text: string;
  readonly detail: string | null;
  readonly severity: Severity;
  /** `CRITICAL`, `DANGER`, `WATCH` on warnings and data sources that are not fine; null otherwise. */
  readonly tag: string | null;
}

export type Block =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string; readonly severity: Severity | null }
  | { readonly kind: 'paragraph'; readonly text: string; readonly style: 'normal' | 'strong' | 'muted' }
  | {
      readonly kind: 'table';
      readonly columns: readonly TableColumn[];
      readonly rows: readonly (readonly string[])[];
      /** Severity per row (colours the row's severity cell), or null. */
      readonly severities: readonly (Severity | null)[];
    }
  | { readonly kind: 'checkboxes'; readonly lines: readonly CheckboxLine[] }
  | { readonly kind: 'bullets'; readonly lines: readonly string[] };

const upper = (s: Severity): string => s.toUpperCase();

function line(item: ChecklistItem): CheckboxLine {
  const flagged = (item.kind === 'warning' || item.kind === 'status') && item.severity !== 'safe';
  return { text: item.text, detail: item.detail, severity: item.severity, tag: flagged ? upper(item.severity) : null };
}

const col = (title: string, align: 'left' | 'right', weight: number): TableColumn => ({ title, align, weight });

export function checklistDocument(c: Checklist): Block[] {
  const blocks: Block[] = [];
  const push = (b: Block) => blocks.push(b);
  const checkboxes = (items: readonly ChecklistItem[]) => {
    if (items.length > 0) push({ kind: 'checkboxes', lines: items.map(line) });
  };

  push({ kind: 'title', text: c.title });
  push({
    kind: 'paragraph',
    style: 'muted',
    text: `${c.app.name} ${c.app.version} · generated ${formatUtc(c.generatedAt)} · data read ${formatUtc(c.dataTakenAt)}`,
  });
  const risk =
    c.summary.atRisk === 0
      ? 'Nothing is in danger or critical.'
      : `${c.summary.atRisk} position${c.summary.atRisk === 1 ? ' is' : 's are'} in danger or critical.`;
  const sources =
    c.summary.sourcesNotOk === 0
      ? ''
      : ` ${c.summary.sourcesNotOk} data source${c.summary.sourcesNotOk === 1 ? ' is' : 's are'} not up to date.`;
  push({ kind: 'paragraph', style: 'strong', text: `${c.summary.line}. ${risk}${sources}` });

  push({ kind: 'heading', level: 2, text: 'Data sources', severity: null });
  if (c.venues.length === 0) push({ kind: 'paragraph', style: 'normal', text: 'No account is connected.' });
  checkboxes(c.venues.map((v) => v.item));

  push({ kind: 'heading', level: 2, text: 'Positions (worst first)', severity: null });
  if (c.positions.length === 0) {
    push({ kind: 'paragraph', style: 'normal', text: 'No open positions.' });
  } else {
    push({
      kind: 'table',
      columns: [
        col('#', 'right', 2),
        col('Severity', 'left', 6),
        col('Position', 'left', 14),
        col('Account', 'left', 10),
        col('Size · notional', 'right', 10),
        col('Lev.', 'right', 4),
        col('Entry', 'right', 7),
        col('Mark', 'right', 7),
        col('Liq. price', 'right', 8),
        col('Distance', 'right', 8),
        col('24 h touch', 'right', 6),
      ],
      rows: c.positions.map((p, i) => [
        String(i + 1),
        upper(p.severity),
        // The symbol first: a line never breaks inside it (pdfkit would break after its slash).
        `${p.symbol} ${p.side} (${p.marginMode}) · ${VENUE_LABELS[p.venue]}`,
        p.cells.account,
        `${p.cells.size} · ${p.cells.notional}`,
        p.cells.leverage,
        p.cells.entry,
        p.cells.mark,
        p.cells.liquidation,
        p.cells.distance,
        p.cells.touch24h,
      ]),
      severities: c.positions.map((p) => p.severity),
    });
    c.positions.forEach((p, i) => {
      push({
        kind: 'heading',
        level: 3,
        text: `${i + 1}. ${upper(p.severity)} · ${p.symbol} ${p.side} · ${p.account}`,
        severity: p.severity,
      });
      if (p.severityReasons.length > 0) {
        push({ kind: 'paragraph', style: 'normal', text: `Why: ${p.severityReasons.join('; ')}.` });
      }
      if (p.liquidationNote !== null) {
        push({ kind: 'paragraph', style: 'muted', text: `Liquidation price: ${p.liquidationNote}.` });
      }
      if (p.items.length === 0) push({ kind: 'paragraph', style: 'muted', text: 'No warning or suggestion.' });
      checkboxes(p.items);
    });
  }

  if (c.accounts.length > 0) {
    push({ kind: 'heading', level: 2, text: 'Accounts', severity: null });
    for (const a of c.accounts) {
      push({ kind: 'heading', level: 3, text: `${a.account} · ${a.currency}`, severity: a.worstSeverity });
      push({ kind: 'paragraph', style: 'normal', text: `${a.summary}.` });
      checkboxes(a.items);
    }
  }

  push({ kind: 'heading', level: 2, text: 'Market regime', severity: null });
  if (c.markets.length === 0) push({ kind: 'paragraph', style: 'normal', text: 'No market data.' });
  for (const m of c.markets) {
    push({ kind: 'heading', level: 3, text: `${m.symbol} · ${VENUE_LABELS[m.venue]}`, severity: null });
    push({ kind: 'paragraph', style: 'normal', text: `${capitalise(m.summary)}. ${capitalise(m.funding)}.` });
    if (m.signals.length > 0) push({ kind: 'bullets', lines: m.signals });
    checkboxes(m.items);
  }

  push({ kind: 'heading', level: 2, text: 'Stress test', severity: null });
  push({
    kind: 'paragraph',
    style: 'normal',
    text: `Instant BTC moves of ${c.stress.shocks.map((x) => fmtSignedPct(x, 0)).join(', ')}, carried to each asset by its beta; other positions held at mark.`,
  });
  if (c.stress.positions.length > 0) {
    push({
      kind: 'table',
      columns: [col('Position', 'left', 3), col('Under the shock grid', 'left', 2)],
      rows: c.stress.positions.map((s) => [s.label, s.text]),
      severities: c.stress.positions.map(() => null),
    });
  }
  if (c.stress.accounts.length > 0) {
    push({
      kind: 'table',
      columns: [col('Cross-margin account', 'left', 2), col('BTC move that liquidates it', 'left', 3)],
      rows: c.stress.accounts.map((s) => [s.label, s.text]),
      severities: c.stress.accounts.map(() => null),
    });
  }

  if (c.general.length > 0) {
    push({ kind: 'heading', level: 2, text: 'Other', severity: null });
    checkboxes(c.general);
  }

  push({ kind: 'heading', level: 2, text: 'Settings used', severity: null });
  push({
    kind: 'table',
    columns: [col('Setting', 'left', 2), col('Value', 'left', 3)],
    rows: c.settings.map((s) => [s.label, s.value]),
    severities: c.settings.map(() => null),
  });

  push({ kind: 'heading', level: 2, text: 'Notes', severity: null });
  push({ kind: 'bullets', lines: c.notes });
  return blocks;
}

const capitalise = (s: string): string => (s.length === 0 ? s : (s[0] ?? '').toUpperCase() + s.slice(1));
