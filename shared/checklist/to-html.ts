import type { Checklist } from '../domain/checklist';
import type { Severity } from '../domain/risk-report';
import { checklistDocument, type Block } from './document';

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => HTML_ENTITIES[ch] ?? ch);
}
const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#16181d;max-width:1100px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #d5d9e0;padding-bottom:.2rem}h3{font-size:1rem;margin:1.1rem 0 .3rem}
p.muted{color:#5b6270}p.strong{font-weight:600}
table{border-collapse:collapse;width:100%;font-size:12.5px}th,td{border:1px solid #d5d9e0;padding:.25rem .4rem;vertical-align:top}th{background:#f1f3f6;text-align:left}
td.r,th.r{text-align:right;font-variant-numeric:tabular-nums}
ul.checklist{list-style:none;padding-left:0}ul.checklist li{margin:.25rem 0}ul.checklist input{margin-right:.5rem}
.detail{display:block;margin-left:1.7rem;color:#5b6270;font-size:.92em}
.sev{font-weight:700}.sev-critical{color:#b00020}.sev-danger{color:#c2410c}.sev-watch{color:#a16207}.sev-safe{color:#15803d}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr,li{break-inside:avoid}}
`.trim();

const sevClass = (s: Severity | null): string => (s === null ? '' : ` sev sev-${s}`);

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `<h1>${escapeHtml(b.text)}</h1>`;
    case 'heading':
      return `<h${b.level}${b.severity === null ? '' : ` class="sev-${b.severity}"`}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.style === 'normal' ? '' : ` class="${b.style}"`}>${escapeHtml(b.text)}</p>`;
    case 'table': {
      const cls = (i: number) => (b.columns[i]?.align === 'right' ? ' class="r"' : '');
      const head = b.columns.map((c, i) => `<th${cls(i)}>${escapeHtml(c.title)}</th>`).join('');
      const rows = b.rows.map((r, ri) => {
        const sev = b.severities[ri] ?? null;
        const cells = r.map((cell, i) => {
          const classes = `${b.columns[i]?.align === 'right' ? 'r' : ''}${i === 1 ? sevClass(sev) : ''}`.trim();
          return `<td${classes === '' ? '' : ` class="${classes}"`}>${escapeHtml(cell)}</td>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      });
      return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
    case 'checkboxes': {
      const items = b.lines.map((l) => {
        const tag = l.tag === null ? '' : `<span class="${sevClass(l.severity).trim()}">${escapeHtml(l.tag)}</span> `;
        const detail = l.detail === null ? '' : `<span class="detail">${escapeHtml(l.detail)}</span>`;
        return `<li><label><input type="checkbox">${tag}${escapeHtml(l.text)}</label>${detail}</li>`;
      });
      return `<ul class="checklist">\n${items.join('\n')}\n</ul>`;
    }
    case 'bullets':
      return `<ul>\n${b.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('\n')}\n</ul>`;
  }
}

/** The checklist as one self-contained HTML page (inline style, no script, every text escaped). Deterministic. */
export function toHtml(c: Checklist): string {
  const body = checklistDocument(c).map(renderBlock).join('\n');
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(c.title)}</title>\n<style>\n${STYLE}\n</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}
