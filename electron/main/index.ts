import { app, dialog, Notification, type BrowserWindow } from 'electron';
import path from 'node:path';
import packageJson from '../../package.json';
import { createServices } from '../services/create-services';
import { createDialogFileSaver } from '../services/export/file-saver';
import { invokeHandler } from '../services/invoke';
import { bindIpc } from './ipc';
import { createMainWindow, denyPermissions, registerAppScheme, serveRenderer } from './window';

/** Electron lifecycle: one window, services in this process, renderer over the custom scheme. */
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;

void app.whenReady().then(() => {
  // Bundled to dist/electron/main.cjs; the renderer and preload sit beside it.
  const distDir = path.resolve(__dirname, '..');
  const services = createServices({
    shell: 'electron',
    version: packageJson.version,
    dataDir: process.env['LG_DATA_DIR'] ?? app.getPath('userData'),
    // End-to-end tests point the exchanges at the loopback simulator (refused unless it is on 127.0.0.1).
    ...(process.env['LG_SIMULATOR_URL'] === undefined ? {} : { simulatorUrl: process.env['LG_SIMULATOR_URL'] }),
    // Exports go where the trader chooses in the system save dialog; the renderer never names a path.
    fileSaver: createDialogFileSaver(async (suggestedName, filters) => {
      const options = {
        defaultPath: suggestedName,
        filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
      };
      const answer =
        mainWindow === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(mainWindow, options);
      return answer.canceled || answer.filePath === '' ? null : answer.filePath;
    }),
    notifier: {
      show: (title, body) => {
        if (!Notification.isSupported()) return false;
        new Notification({ title, body }).show();
        return true;
      },
    },
  });
  denyPermissions();
  serveRenderer(path.join(distDir, 'renderer'));
  bindIpc(services.handlers, services.events, () => mainWindow);
  // Repairs settings/keychain after a crash between their writes, re-checks every key now and on a schedule.
  services.context.accounts
    .start()
    .then((accounts) => app.once('will-quit', () => accounts.stop()))
    .catch((error: unknown) => console.error(`Account checks could not start: ${String(error)}`));
  const demoFlag = process.argv.find((arg) => arg === '--demo' || arg.startsWith('--demo='));
  if (demoFlag !== undefined) {
    const scenario = demoFlag.split('=')[1];
    void invokeHandler(services.handlers, 'startDemo', scenario === undefined ? {} : { scenario });
  }
  mainWindow = createMainWindow(path.join(__dirname, 'preload.cjs'));
  mainWindow.on('closed', () => (mainWindow = null));
});

app.on('second-instance', () => mainWindow?.focus());
app.on('window-all-closed', () => app.quit());
app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
