import type { Checklist } from '../domain/checklist';
import { checklistDocument, type Block } from './document';

/** Escapes Markdown inline syntax so text from anywhere (labels, exchange messages) stays literal. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n|\r|\n/gu, ' ').replace(/[\\`*_[\]<>|~]/gu, (ch) => `\\${ch}`);
}

function renderBlock(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `# ${escapeMarkdown(b.text)}`;
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return b.style === 'strong'
        ? `**${escapeMarkdown(b.text)}**`
        : b.style === 'muted'
          ? `_${escapeMarkdown(b.text)}_`
          : escapeMarkdown(b.text);
    case 'table': {
      const head = `| ${b.columns.map((c) => escapeMarkdown(c.title)).join(' | ')} |`;
      const rule = `|${b.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`;
      const rows = b.rows.map((r) => `| ${r.map(escapeMarkdown).join(' | ')} |`);
      return [head, rule, ...rows].join('\n');
    }
    case 'checkboxes':
      return b.lines
        .map((l) => {
          const tag = l.tag === null ? '' : `**${l.tag}** `;
          const detail = l.detail === null ? '' : `\n  - ${escapeMarkdown(l.detail)}`;
          return `- [ ] ${tag}${escapeMarkdown(l.text)}${detail}`;
        })
        .join('\n');
    case 'bullets':
      return b.lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n');
  }
}

/** The checklist as GitHub-flavoured Markdown: task-list checkboxes, pipe tables. Deterministic; ends with one newline. */
export function toMarkdown(c: Checklist): string {
  return `${checklistDocument(c).map(renderBlock).join('\n\n')}\n`;
}
