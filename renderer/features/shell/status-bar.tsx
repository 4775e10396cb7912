import { useAppStore } from '../../store';

const SHELL_NAMES = { electron: 'Electron', browser: 'Browser shell' } as const;

export function StatusBar() {
  const appInfo = useAppStore((state) => state.appInfo);
  const appInfoError = useAppStore((state) => state.appInfoError);
  const settingsNotice = useAppStore((state) => state.settingsNotice);
  const settingsError = useAppStore((state) => state.settingsError);
  const problem = appInfoError ?? settingsError;
  return (
    <footer className="status-bar" data-testid="shell-status-bar">
      {appInfo !== null ? (
        <>
          <span data-testid="shell-status-shell">{SHELL_NAMES[appInfo.shell]}</span>
          <span className="status-bar__sep" aria-hidden="true">
            ·
          </span>
          <span data-testid="shell-status-version">v{appInfo.version}</span>
          <span className="status-bar__sep" aria-hidden="true">
            ·
          </span>
          <span>{appInfo.platform}</span>
        </>
      ) : (
        <span>Connecting…</span>
      )}
      {problem !== null && (
        <span className="status-bar__error" role="alert" data-testid="shell-status-error">
          {problem.message}
        </span>
      )}
      {settingsNotice !== null && (
        <span className="status-bar__notice" role="status" data-testid="shell-status-notice">
          {settingsNotice}
        </span>
      )}
    </footer>
  );
}
