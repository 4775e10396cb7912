import { useEffect } from 'react';

/** Letter → action for Ctrl (Windows, Linux) or Cmd (macOS) + letter. */
export type HotkeyMap = Readonly<Partial<Record<string, () => void>>>;

/**
 * App-wide shortcuts: Ctrl/Cmd+R refresh, Ctrl/Cmd+N planner, Ctrl/Cmd+E export. In the browser shell the browser
 * keeps Ctrl+N for itself, so every shortcut also answers to Alt+Shift+letter there.
 */
export function useHotkeys(map: HotkeyMap): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const primary = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
      const fallback = event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey;
      if (!primary && !fallback) return;
      const action = map[event.key.toLowerCase()];
      if (action === undefined) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [map]);
}
