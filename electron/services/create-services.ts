import os from 'node:os';
import path from 'node:path';
import type { Shell } from '../../shared/domain/app-info';
import type { Handlers } from '../../shared/ipc/contract';
import type { Notifier } from './app/app-handlers';
import { createAccountService } from './accounts/account-service';
import { createCcxtPermissionChecker } from './accounts/permission-checker';
import { createEventBus, type EventBus } from './event-bus';
import { ALL_VENUE_HOSTS, loopbackTransport } from './exchanges/transport';
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
  /**
   * Send every exchange request to the exchange simulator on loopback instead of the venues (end-to-end tests and
   * trying the app against simulated keys): `http://127.0.0.1:PORT`. Anything else is refused.
   */
  readonly simulatorUrl?: string;
}

const LOOPBACK_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}$/u;

/** The exchange transport: the real venues, or the loopback simulator when asked for (and only on loopback). */
function exchangeRoute(simulatorUrl: string | undefined) {
  if (simulatorUrl === undefined) return null;
  if (!LOOPBACK_URL.test(simulatorUrl)) {
    throw new Error(`The exchange simulator must be on http://127.0.0.1:<port>, not ${simulatorUrl}.`);
  }
  return { transport: loopbackTransport(simulatorUrl, ALL_VENUE_HOSTS), environmentName: 'simulator' };
}

export interface Services {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly context: ServicesContext;
}

/** Builds the app's back end once per process; both shells call this and bind its handlers to their transport. */
export function createServices(options: ServicesOptions): Services {
  const events = createEventBus();
  const route = exchangeRoute(options.simulatorUrl);
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
      permissionChecker: createCcxtPermissionChecker(route === null ? {} : { fetchImplementation: route.transport }),
      ...(options.log === undefined ? {} : { log: options.log }),
    }),
    snapshot: new SnapshotService({
      cacheDir: path.join(options.dataDir, 'cache'),
      ...(route === null ? {} : { ...route, enableRateLimit: false }),
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
