import { useEffect, useRef } from 'react';
import type { ChecklistFormat } from '../../../shared/domain/checklist';
import { useAppStore } from '../../store';
import type { PendingDownload } from '../../store/export-slice';

const FORMATS: readonly { readonly format: ChecklistFormat; readonly label: string }[] = [
  { format: 'pdf', label: 'PDF (to print)' },
  { format: 'md', label: 'Markdown' },
  { format: 'csv', label: 'CSV (spreadsheet)' },
  { format: 'json', label: 'JSON (scripts)' },
];

/** Hands a file the service built to the browser as a download; the renderer never chooses a path. */
function download({ name, mimeType, base64 }: PendingDownload): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * "Export checklist" in the header: a format menu (Ctrl/Cmd+E opens it; arrow keys and Enter choose), then the
 * services build the checklist from the current data and save it (Electron: save dialog; browser: a download).
 */
export function ExportMenu() {
  const exportChecklist = useAppStore((state) => state.exportChecklist);
  const exporting = useAppStore((state) => state.exporting);
  const outcome = useAppStore((state) => state.exportOutcome);
  const dismiss = useAppStore((state) => state.dismissExportOutcome);
  const hasData = useAppStore((state) => state.snapshot !== null && state.snapshot.accounts.length > 0);
  const open = useAppStore((state) => state.exportMenuOpen);
  const setOpen = useAppStore((state) => state.setExportMenuOpen);
  const firstItem = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) firstItem.current?.focus();
  }, [open]);

  if (!hasData) return null;
  const choose = async (format: ChecklistFormat) => {
    const file = await exportChecklist(format);
    if (file !== null) download(file);
  };
  return (
    <div className="export-menu">
      <button
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Ctrl/Cmd+E"
        onClick={() => setOpen(!open)}
        data-testid="checklist-export-button"
      >
        {exporting === null ? 'Export checklist' : `Exporting ${exporting.toUpperCase()}…`}
      </button>
      {open && (
        <div
          className="export-menu__list"
          role="menu"
          onKeyDown={(event) => {
            const items = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];
            const index = items.indexOf(document.activeElement as HTMLButtonElement);
            if (event.key === 'Escape') setOpen(false);
            if (event.key === 'ArrowDown') items[(index + 1) % items.length]?.focus();
            if (event.key === 'ArrowUp') items[(index - 1 + items.length) % items.length]?.focus();
          }}
        >
          {FORMATS.map(({ format, label }, index) => (
            <button
              key={format}
              ref={index === 0 ? firstItem : undefined}
              type="button"
              role="menuitem"
              className="export-menu__item"
              onClick={() => void choose(format)}
              data-testid={`checklist-export-${format}-item`}
            >
              {label}
            </button>
          ))}
        </div>
      )}
      {outcome !== null && outcome.kind !== 'cancelled' && (
        <div
          className={`export-menu__outcome ${outcome.kind === 'failed' ? 'is-error' : ''}`}
          role={outcome.kind === 'failed' ? 'alert' : 'status'}
          data-testid="checklist-export-outcome"
        >
          <span>{outcome.kind === 'failed' ? outcome.error.message : outcome.message}</span>
          <button type="button" className="link" onClick={dismiss} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
