import { startSimulatorServer, type RunningSimulatorServer } from '../../../electron/simulator/http-server';
import { simKey } from '../../../electron/simulator/keys';
import { RealTimeClock, Simulator } from '../../../electron/simulator/simulator';
import { expect, test as electronTest } from '../../fixtures/electron-app';
import { AccountsPage } from '../../pages/accounts.page';

/** The accounts journey in Electron, with the app's exchange requests going to the loopback simulator. */
let server: RunningSimulatorServer | null = null;

const test = electronTest.extend({
  // Fixtures are set up after beforeAll, so the simulator's address is known when the app is launched.
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies.
  appEnv: async ({}, use) => {
    await use(server === null ? {} : { LG_SIMULATOR_URL: server.url });
  },
});

test.beforeAll(async () => {
  const now = Date.now();
  server = await startSimulatorServer(
    new Simulator({ scenario: 'flash-selloff', startMs: now, clock: new RealTimeClock(now) }),
  );
});
test.afterAll(async () => {
  await server?.close();
});

test('add a read-only key, see it with its badge, delete it', async ({ app }) => {
  const key = simKey('binance', 'read-only');
  const accounts = new AccountsPage(app.page);
  await accounts.open();
  await accounts.fill('Binance', 'Electron sim', { apiKey: key.apiKey, secret: key.secret });
  // Without a Secret Service on the test machine, the key is kept for the session only (and the app says so).
  const sessionOnly = app.page.getByTestId('accounts-add-session-only-input');
  if (await sessionOnly.isVisible()) await sessionOnly.check();
  await accounts.submit.click();
  const row = accounts.rowByLabel('Electron sim');
  await expect(row).toContainText('Read-only');
  const id = (await row.getAttribute('data-testid'))?.replace(/^accounts-|-row$/g, '') ?? '';
  await app.page.getByTestId(`accounts-${id}-delete-button`).click();
  await app.page.getByTestId(`accounts-${id}-confirm-delete-button`).click();
  await expect(accounts.rowByLabel('Electron sim')).toHaveCount(0);
});
