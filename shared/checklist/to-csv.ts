import type { Checklist, ChecklistItem } from '../domain/checklist';
import { formatUtc } from './text';

/**
 * One row per checklist item, RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a
 * quote, CR or LF, quotes doubled. A field a spreadsheet would run as a formula (starting with = + - @ or a tab/CR)
 * is prefixed with an apostrophe (OWASP "CSV injection"). The `done` column is left empty for the trader.
 */
export const CSV_COLUMNS = [
  'id',
  'section',
  'severity',
  'kind',
  'code',
  'venue',
  'account',
  'symbol',
  'side',
  'item',
  'detail',
  'done',
  'generated_at_utc',
  'data_at_utc',
] as const;

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

interface RowContext {
  readonly venue: string;
  readonly account: string;
  readonly symbol: string;
  readonly side: string;
}

export function toCsv(c: Checklist): string {
  const generated = formatUtc(c.generatedAt);
  const data = formatUtc(c.dataTakenAt);
  const rows: string[][] = [[...CSV_COLUMNS]];
  const add = (item: ChecklistItem, ctx: RowContext) => {
    rows.push([
      item.id,
      item.section,
      item.severity,
      item.kind,
      item.code,
      ctx.venue,
      ctx.account,
      ctx.symbol,
      ctx.side,
      item.text,
      item.detail ?? '',
      '',
      generated,
      data,
    ]);
  };
  for (const v of c.venues) add(v.item, { venue: v.venue, account: v.name, symbol: '', side: '' });
  for (const p of c.positions) {
    for (const item of p.items) add(item, { venue: p.venue, account: p.account, symbol: p.symbol, side: p.side });
  }
  for (const a of c.accounts) {
    for (const item of a.items) add(item, { venue: a.venue, account: a.account, symbol: '', side: '' });
  }
  for (const m of c.markets) {
    for (const item of m.items) add(item, { venue: m.venue, account: '', symbol: m.symbol, side: '' });
  }
  for (const item of c.general) add(item, { venue: '', account: '', symbol: '', side: '' });
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
