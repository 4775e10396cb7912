import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simKey } from '../../electron/simulator/keys';
import { expect, test } from '../fixtures/simulator';
import { AccountsPage } from '../pages/accounts.page';
import { DashboardPage } from '../pages/dashboard.page';

// Keys the simulator knows (electron/simulator/keys.ts): one per venue and permission profile.
const READ_ONLY = simKey('binance', 'read-only');
const TRADE_ENABLED = simKey('binance', 'trade-enabled');
const WITHDRAW_ENABLED = simKey('binance', 'withdraw-enabled');

test.describe.configure({ mode: 'serial' });

test.describe('accounts against the exchange simulator, keys in a real Secret Service', () => {
  test('a read-only key is checked, stored and listed with its badge; its positions reach the dashboard', async ({
    app,
  }) => {
    const accounts = new AccountsPage(app.page);
    await accounts.open();
    await accounts.fill('Binance', 'Binance sim', { apiKey: READ_ONLY.apiKey, secret: READ_ONLY.secret });
    await accounts.submit.click();
    await expect(accounts.result).toContainText('Added Binance sim');
    await expect(accounts.result).toContainText('read-only');
    const row = accounts.rowByLabel('Binance sim');
    await expect(row).toContainText('Read-only');
    await expect(row).toContainText(`…${READ_ONLY.apiKey.slice(-4)}`);
    await app.screenshot('accounts');

    const dashboard = new DashboardPage(app.page);
    await app.page.getByTestId('shell-nav-dashboard-tab').click();
    await dashboard.refreshButton.click();
    await expect(dashboard.rows.first()).toBeVisible();
  });

  test('keys that can trade or withdraw are refused, naming the permission and how to make a read-only key', async ({
    app,
  }) => {
    const accounts = new AccountsPage(app.page);
    await accounts.open();
    for (const [key, flag] of [
      [TRADE_ENABLED, /trad|Futures/i],
      [WITHDRAW_ENABLED, /withdraw/i],
    ] as const) {
      await accounts.fill('Binance', 'Too powerful', { apiKey: key.apiKey, secret: key.secret });
      await accounts.submit.click();
      await expect(accounts.refusal).toContainText(flag);
      await expect(accounts.refusal).toContainText('To create a read-only key on Binance');
      // Nothing typed is lost after a refusal.
      await expect(app.page.getByTestId('accounts-add-label-input')).toHaveValue('Too powerful');
    }
    await expect(accounts.rowByLabel('Too powerful')).toHaveCount(0);
  });

  test('the secret appears in no response, the page, storage, the settings file or the log', async ({ app, shell }) => {
    const bodies: string[] = [];
    app.page.on('response', (response) => {
      if (response.url().includes('/api/'))
        void response.text().then(
          (text) => bodies.push(text),
          () => undefined,
        );
    });
    await app.page.reload();
    await app.statusShell.waitFor();
    const accounts = new AccountsPage(app.page);
    await accounts.tab.click();
    await expect(accounts.rowByLabel('Binance sim')).toBeVisible();
    await app.page.getByTestId('shell-nav-dashboard-tab').click();
    await new DashboardPage(app.page).refreshButton.click();
    await expect(new DashboardPage(app.page).refreshButton).toHaveText('Refresh');

    const page = await app.page.content();
    const storage = await app.page.evaluate(() => {
      const dump = (store: Storage) =>
        Array.from({ length: store.length }, (_, i) => `${store.key(i)}=${store.getItem(store.key(i) ?? '')}`);
      return [...dump(localStorage), ...dump(sessionStorage)].join('\n');
    });
    const settingsFile = readFileSync(path.join(shell.dataDir, 'settings.json'), 'utf8');
    const exported = await app.page.request.post(`${shell.origin}/api/exportChecklist`, {
      headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/json' },
      data: { format: 'json' },
      failOnStatusCode: false,
    });
    // The browser shell hands exports back as a download: decode the file itself before searching it.
    const exportResult = (await exported.json()) as { ok: boolean; value?: { kind: string; base64?: string } };
    expect(exportResult.ok && exportResult.value?.kind).toBe('download');
    const exportedFile = Buffer.from(exportResult.value?.base64 ?? '', 'base64').toString('utf8');
    expect(exportedFile).toContain('Binance sim');
    const places = {
      responses: bodies.join('\n'),
      page,
      storage,
      settingsFile,
      log: shell.stdout(),
      export: exportedFile,
    };
    expect(bodies.length).toBeGreaterThan(3);
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(READ_ONLY.secret), `secret found in ${place}`).toBe(false);
      expect(text.includes(READ_ONLY.apiKey), `whole API key found in ${place}`).toBe(false);
    }
  });

  test('deleting asks first, then removes the account (and its key)', async ({ app }) => {
    const accounts = new AccountsPage(app.page);
    await accounts.tab.click();
    const row = accounts.rowByLabel('Binance sim');
    await expect(row).toBeVisible();
    const id = (await row.getAttribute('data-testid'))?.replace(/^accounts-|-row$/g, '') ?? '';
    await app.page.getByTestId(`accounts-${id}-delete-button`).click();
    await expect(app.page.getByTestId(`accounts-${id}-confirm-delete`)).toContainText('removed from your keychain');
    await app.page.getByTestId(`accounts-${id}-confirm-delete-button`).click();
    await expect(accounts.rowByLabel('Binance sim')).toHaveCount(0);
  });
});
