import os from 'node:os';
import path from 'node:path';
import type { Shell } from '../../shared/domain/app-info';
import type { Handlers } from '../../shared/ipc/contract';
import type { Notifier } from './app/app-handlers';
import { createAccountService } from './accounts/account-service';
import { createCcxtPermissionChecker } from './accounts/permission-checker';
import { createEventBus, type EventBus } from './event-bus';
import { createDownloadFileSaver, type FileSaver } from './export/file-saver';
import { createHandlers, type ServicesContext } from './handlers';
import { createOsSecretStore } from './keychain/os-secret-store';
import { SettingsFile } from './settings/settings-file';
import { SnapshotService } from './snapshot/snapshot-service';

export const APP_NAME = 'Liquidation Guard';

export interface ServicesOptions {
  readonly shell: Shell;
  readonly version: string;
  /** Where settings and caches live; Electron passes app.getPath('userData'). */
  readonly dataDir: string;
  readonly log?: (message: string) => void;
  /** Electron passes its main-process notifier; the browser shell has none (the page uses the Notification API). */
  readonly notifier?: Notifier;
  /** Where exports go: Electron passes a save-dialog saver (createDialogFileSaver); default: hand back for download. */
  readonly fileSaver?: FileSaver;
}

export interface Services {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly context: ServicesContext;
}

/** Builds the app's back end once per process; both shells call this and bind its handlers to their transport. */
export function createServices(options: ServicesOptions): Services {
  const events = createEventBus();
  const settingsFile = new SettingsFile(options.dataDir);
  const context: ServicesContext = {
    appName: APP_NAME,
    version: options.version,
    shell: options.shell,
    platform: process.platform,
    settingsFile,
    ...(options.notifier === undefined ? {} : { notifier: options.notifier }),
    fileSaver: options.fileSaver ?? createDownloadFileSaver(),
    accounts: createAccountService({
      settingsFile,
      secretStore: createOsSecretStore(),
      permissionChecker: createCcxtPermissionChecker(),
      ...(options.log === undefined ? {} : { log: options.log }),
    }),
    snapshot: new SnapshotService({
      cacheDir: path.join(options.dataDir, 'cache'),
      emit: (event, payload) => {
        events.emit(event, payload);
      },
      accounts: { list: () => context.accounts.list(), credentialsFor: (id) => context.accounts.credentialsFor(id) },
    }),
  };
  return { handlers: createHandlers(context), events, context };
}

/** The per-user data folder outside Electron: $LG_DATA_DIR, else the XDG config folder. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['LG_DATA_DIR']) return env['LG_DATA_DIR'];
  const configHome = env['XDG_CONFIG_HOME'] ?? path.join(os.homedir(), '.config');
  return path.join(configHome, 'liquidation-guard');
}
