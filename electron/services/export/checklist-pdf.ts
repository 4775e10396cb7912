import PDFDocument from 'pdfkit';
import type { Checklist } from '../../../shared/domain/checklist';
import type { Severity } from '../../../shared/domain/risk-report';
import { checklistDocument, type Block, type CheckboxLine, type TableColumn } from '../../../shared/checklist/document';
import { formatUtc } from '../../../shared/checklist/text';

/**
 * The checklist as a printable A4 PDF (pdfkit, the 14 standard fonts only, nothing embedded): the same blocks as the
 * Markdown and HTML (shared/checklist/document.ts), with empty checkboxes to tick by pen and "Page N of M" in every
 * footer. Deterministic: the creation date (and so the file ID pdfkit derives from it) is the checklist's own time.
 */

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 48, bottom: 60, left: 44, right: 44 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', italic: 'Helvetica-Oblique' } as const;
const INK = '#16181d';
const MUTED = '#5b6270';
const RULE = '#c9ced6';
const HEADER_FILL = '#eef0f3';
const SEVERITY_INK: Readonly<Record<Severity, string>> = {
  critical: '#b00020',
  danger: '#c2410c',
  watch: '#a16207',
  safe: '#15803d',
};

/**
 * The standard fonts draw only the WinAnsi (cp1252) characters. Everything else the checklist can say is written out
 * (σ → sigma, − → -, ≤ → <=, … → ...); any other character becomes `?` rather than a wrong glyph.
 */
const TRANSLITERATE: Readonly<Record<string, string>> = {
  '−': '-',
  '\u03c3': 'sigma',
  '\u03b2': 'beta',
  '≤': '<=',
  '≥': '>=',
  '→': '->',
  '←': '<-',
  '≈': '~',
  '≠': '!=',
  '\u24c8': 'S',
  // The ellipsis is WinAnsi, but a line may break right after it ("(…" / "abcd)"); three dots never break.
  '…': '...',
  '\u202f': ' ',
};
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = TRANSLITERATE[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0x3f;
    const ok = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch);
    out += ok ? ch : '?';
  }
  return out;
}

/**
 * Marks the spaces between a number and its unit (`30.52 %`, `60,008 USD`, `1.35 σ`) with a no-break space, so a
 * table column is made wide enough to keep them on one line. (Only for measuring: pdfkit's line breaker does not
 * treat U+00A0 as glue with the standard fonts, so the text itself is drawn with plain spaces.)
 */
export const keepUnits = (text: string): string => text.replace(/(\d) (?=[%×A-Za-zσ])/gu, '$1\u00a0');

/** Text as the PDF draws it. */
const pdfText = (text: string): string => toWinAnsi(text);

type Doc = PDFKit.PDFDocument;

export interface PdfOptions {
  /** Footer text on the left of every page (default: app name, title and generation time). */
  readonly footer?: string;
}

/** Renders the checklist to PDF bytes. */
export function renderChecklistPdf(c: Checklist, options: PdfOptions = {}): Promise<Uint8Array> {
  const created = new Date(c.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: toWinAnsi(c.title),
      Author: toWinAnsi(c.app.name),
      Subject: toWinAnsi(`${c.summary.line}; data read ${formatUtc(c.dataTakenAt)}`),
      Creator: toWinAnsi(`${c.app.name} ${c.app.version}`),
      Producer: 'PDFKit',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    doc.on('error', reject);
  });
  try {
    const layout = new Layout(doc);
    for (const block of checklistDocument(c)) layout.block(block);
    const footer = options.footer ?? `${c.app.name} · ${c.title} · generated ${formatUtc(c.generatedAt)}`;
    drawFooters(doc, footer);
    doc.end();
  } catch (error) {
    doc.end();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return done;
}

function drawFooters(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  const y = A4.height - MARGIN.bottom + 22;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin while drawing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(A4.width - MARGIN.right, y - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    const pageText = `Page ${i - range.start + 1} of ${range.count}`;
    doc.font(FONT.regular).fontSize(7.5).fillColor(MUTED);
    const pageWidth = doc.widthOfString(pageText);
    doc.text(toWinAnsi(footer), MARGIN.left, y, {
      width: CONTENT_WIDTH - pageWidth - 16,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(pageText, A4.width - MARGIN.right - pageWidth, y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** A top-to-bottom writer that knows how much room is left on the page. */
class Layout {
  private y = MARGIN.top;

  constructor(private readonly doc: Doc) {}

  private get bottom(): number {
    return A4.height - MARGIN.bottom;
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  private text(
    s: string,
    x: number,
    width: number,
    font: string,
    size: number,
    color: string,
    align: 'left' | 'right' = 'left',
  ): number {
    const t = pdfText(s);
    this.doc.font(font).fontSize(size).fillColor(color);
    const h = this.doc.heightOfString(t, { width, lineGap: 1 });
    this.doc.text(t, x, this.y, { width, align, lineGap: 1 });
    return h;
  }

  private measure(s: string, width: number, font: string, size: number): number {
    this.doc.font(font).fontSize(size);
    return this.doc.heightOfString(pdfText(s), { width, lineGap: 1 });
  }

  block(b: Block): void {
    switch (b.kind) {
      case 'title':
        this.y += this.text(b.text, MARGIN.left, CONTENT_WIDTH, FONT.bold, 18, INK) + 4;
        return;
      case 'heading':
        this.heading(b.level, b.text, b.severity);
        return;
      case 'paragraph': {
        const [font, size, color] =
          b.style === 'strong'
            ? [FONT.bold, 10, INK]
            : b.style === 'muted'
              ? [FONT.regular, 8.5, MUTED]
              : [FONT.regular, 9, INK];
        const h = this.measure(b.text, CONTENT_WIDTH, font, size);
        this.ensure(h);
        this.y += this.text(b.text, MARGIN.left, CONTENT_WIDTH, font, size, color) + 6;
        return;
      }
      case 'table':
        this.table(b.columns, b.rows, b.severities);
        return;
      case 'checkboxes':
        for (const line of b.lines) this.checkbox(line);
        this.y += 4;
        return;
      case 'bullets':
        for (const line of b.lines) this.bullet(line);
        this.y += 4;
        return;
    }
  }

  private heading(level: 2 | 3, text: string, severity: Severity | null): void {
    const size = level === 2 ? 13 : 10.5;
    const h = this.measure(text, CONTENT_WIDTH, FONT.bold, size);
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(h + (level === 2 ? 90 : 40));
    this.y += level === 2 ? 10 : 6;
    this.y += this.text(
      text,
      MARGIN.left,
      CONTENT_WIDTH,
      FONT.bold,
      size,
      severity === null ? INK : SEVERITY_INK[severity],
    );
    if (level === 2) {
      this.doc
        .moveTo(MARGIN.left, this.y + 1)
        .lineTo(A4.width - MARGIN.right, this.y + 1)
        .lineWidth(0.75)
        .strokeColor(RULE)
        .stroke();
      this.y += 7;
    } else {
      this.y += 4;
    }
  }

  private checkbox(line: CheckboxLine): void {
    const size = 8.5;
    const indent = 15;
    const width = CONTENT_WIDTH - indent;
    const tag = line.tag === null ? '' : `${line.tag}  `;
    const main = `${tag}${line.text}`;
    const mainH = this.measure(main, width, FONT.regular, size);
    const detailH = line.detail === null ? 0 : this.measure(line.detail, width, FONT.italic, 7.5) + 1;
    this.ensure(mainH + detailH + 3);
    const box = 8;
    this.doc
      .rect(MARGIN.left + 1, this.y + 0.5, box, box)
      .lineWidth(0.8)
      .strokeColor(INK)
      .stroke();
    const x = MARGIN.left + indent;
    if (line.tag !== null) {
      // Bold coloured tag, then the text continuing on the same line.
      this.doc.font(FONT.bold).fontSize(size).fillColor(SEVERITY_INK[line.severity]);
      this.doc.text(pdfText(tag), x, this.y, { width, continued: true, lineGap: 1 });
      this.doc.font(FONT.regular).fillColor(INK).text(pdfText(line.text), { width, lineGap: 1 });
    } else {
      this.doc
        .font(FONT.regular)
        .fontSize(size)
        .fillColor(INK)
        .text(pdfText(line.text), x, this.y, { width, lineGap: 1 });
    }
    this.y += mainH + 1;
    if (line.detail !== null) this.y += this.text(line.detail, x, width, FONT.italic, 7.5, MUTED) + 1;
    this.y += 3;
  }

  private bullet(text: string): void {
    const size = 8.5;
    const indent = 12;
    const h = this.measure(text, CONTENT_WIDTH - indent, FONT.regular, size);
    this.ensure(h + 2);
    this.doc
      .font(FONT.regular)
      .fontSize(size)
      .fillColor(INK)
      .text('•', MARGIN.left + 2, this.y, { lineBreak: false });
    this.y += this.text(text, MARGIN.left + indent, CONTENT_WIDTH - indent, FONT.regular, size, INK) + 2;
  }

  /**
   * Column widths the way a browser lays out an auto table: every column gets at least its longest word (so a word,
   * a price or a key hint is never split), then the room left goes to the columns whose text would wrap, in
   * proportion to how much more they need; if everything fits on one line, the slack follows the column weights.
   */
  private columnWidths(
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
    size: number,
    pad: number,
  ): number[] {
    const cellsOf = (i: number) => [columns[i]?.title ?? '', ...rows.map((r) => r[i] ?? '')];
    const width = (s: string, bold: boolean) => {
      this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
      return this.doc.widthOfString(pdfText(s));
    };
    const minimum = columns.map(
      (_, i) =>
        Math.max(
          ...cellsOf(i).flatMap((cell, r) =>
            keepUnits(cell)
              .split(' ')
              .map((w) => width(w.replace(/\u00a0/gu, ' '), r === 0 || i === 1)),
          ),
        ) +
        2 * pad +
        1,
    );
    const natural = columns.map(
      (_, i) => Math.max(...cellsOf(i).map((cell, r) => width(cell, r === 0 || i === 1))) + 2 * pad + 1,
    );
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    if (sum(natural) <= CONTENT_WIDTH) {
      const slack = CONTENT_WIDTH - sum(natural);
      const weights = sum(columns.map((c) => c.weight));
      return natural.map((n, i) => n + (slack * (columns[i]?.weight ?? 0)) / weights);
    }
    if (sum(minimum) >= CONTENT_WIDTH) return minimum.map((m) => (m * CONTENT_WIDTH) / sum(minimum));
    const room = CONTENT_WIDTH - sum(minimum);
    const want = natural.map((n, i) => n - (minimum[i] ?? 0));
    return minimum.map((m, i) => m + (room * (want[i] ?? 0)) / sum(want));
  }

  private table(
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
    severities: readonly (Severity | null)[],
  ): void {
    const size = columns.length > 6 ? 6.8 : 8;
    const pad = 3;
    const widths = this.columnWidths(columns, rows, size, pad);
    const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const rowHeight = (cells: readonly string[], font: string) =>
      Math.max(...cells.map((cell, i) => this.measure(cell, (widths[i] ?? 0) - 2 * pad, font, size))) + 2 * pad;

    const drawRow = (cells: readonly string[], header: boolean, severity: Severity | null) => {
      const h = rowHeight(cells, header ? FONT.bold : FONT.regular);
      if (header) this.doc.rect(MARGIN.left, this.y, CONTENT_WIDTH, h).fillColor(HEADER_FILL).fill();
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        const x = xs[i] ?? MARGIN.left;
        const isSeverity = !header && severity !== null && i === 1;
        const font = header || isSeverity ? FONT.bold : FONT.regular;
        const color = isSeverity ? SEVERITY_INK[severity] : INK;
        const saved = this.y;
        this.y += pad;
        this.text(cell, x + pad, w - 2 * pad, font, size, color, columns[i]?.align ?? 'left');
        this.y = saved;
      });
      this.doc
        .moveTo(MARGIN.left, this.y + h)
        .lineTo(A4.width - MARGIN.right, this.y + h)
        .lineWidth(header ? 0.75 : 0.4)
        .strokeColor(RULE)
        .stroke();
      this.y += h;
    };

    const headerCells = columns.map((c) => c.title);
    const headerH = rowHeight(headerCells, FONT.bold);
    // A short table (a quarter page at most) is not split; a long one starts here if its header and first rows fit.
    const heights = rows.map((cells) => rowHeight(cells, FONT.regular));
    const whole = headerH + heights.reduce((s, h) => s + h, 0);
    if (whole <= (this.bottom - MARGIN.top) / 4) this.ensure(whole);
    else this.ensure(headerH + heights.slice(0, 3).reduce((s, h) => s + h, 0));
    drawRow(headerCells, true, null);
    rows.forEach((cells, r) => {
      const h = rowHeight(cells, FONT.regular);
      if (this.y + h > this.bottom) {
        this.newPage();
        drawRow(headerCells, true, null);
      }
      drawRow(cells, false, severities[r] ?? null);
    });
    this.y += 8;
  }
}
