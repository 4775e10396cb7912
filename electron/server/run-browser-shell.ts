import { spawn } from 'node:child_process';
import { createServices, defaultDataDir } from '../services/create-services';
import { invokeHandler } from '../services/invoke';
import { startBrowserShell, type BrowserShell } from './browser-shell';
import { writeLaunchFile } from './launch-file';

export interface RunBrowserShellOptions {
  readonly version: string;
  readonly staticDir: string;
  /** Open the system browser when a display exists. */
  readonly open: boolean;
  /** The demo scenario to start before the page opens (`npm start -- --demo[=scenario]`), or null. */
  readonly demo: string | null;
  readonly print: (line: string) => void;
}

/** Starts the services and the loopback transport, prints the URL, and opens the browser where it can. */
export async function runBrowserShell(options: RunBrowserShellOptions): Promise<BrowserShell> {
  const simulatorUrl = process.env['LG_SIMULATOR_URL'];
  const services = createServices({
    shell: 'browser',
    version: options.version,
    dataDir: defaultDataDir(),
    ...(simulatorUrl === undefined ? {} : { simulatorUrl }),
  });
  if (simulatorUrl !== undefined)
    options.print(`Exchange requests go to the simulator at ${simulatorUrl} (LG_SIMULATOR_URL).`);
  // Repairs settings/keychain after a crash between their writes, re-checks every key now and on a schedule. Not
  // awaited: a slow venue must not hold up the window (reads with a key are harmless while its check is pending).
  const accounts = services.context.accounts.start();
  accounts.catch((error: unknown) => options.print(`Account checks could not start: ${String(error)}`));
  const shell = await startBrowserShell({
    handlers: services.handlers,
    staticDir: options.staticDir,
    subscribe: (listener) => services.events.subscribe(listener),
    log: (message) => process.stderr.write(`${message}\n`),
  });
  // The demo opens while the page loads (the page's first getSnapshot waits for it), not before the address is out.
  if (options.demo !== null) {
    const demo = options.demo;
    void invokeHandler(services.handlers, 'startDemo', demo === 'flash-selloff' ? {} : { scenario: demo }).then(
      (started) => {
        if (started.kind !== 'done') {
          options.print(`No demo named "${demo}": try --demo, --demo=calm or --demo=five-hundred-positions.`);
        } else if (!started.result.ok) options.print(`The demo could not start: ${started.result.error.message}`);
      },
    );
  }
  options.print(`Liquidation Guard (browser shell) is running at ${shell.appUrl}`);
  const withAccounts: BrowserShell = {
    ...shell,
    close: async () => {
      await accounts.then((started) => started.stop()).catch(() => undefined);
      await shell.close();
    },
  };
  if (options.open && hasDisplay()) {
    const launchFile = await writeLaunchFile(shell.appUrl);
    const [command, ...args] = openCommand(launchFile);
    const opener = spawn(command, args, { stdio: 'ignore', detached: true });
    opener.on('error', () => options.print('Could not start the system browser; open the address above yourself.'));
    opener.unref();
  }
  return withAccounts;
}

const hasDisplay = (): boolean =>
  process.platform !== 'linux' || Boolean(process.env['DISPLAY'] ?? process.env['WAYLAND_DISPLAY']);

const openCommand = (file: string): [string, ...string[]] =>
  process.platform === 'darwin'
    ? ['open', file]
    : process.platform === 'win32'
      ? ['cmd', '/c', 'start', '', file]
      : ['xdg-open', file];
