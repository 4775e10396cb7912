import { readFileSync } from 'node:fs';
import { REPO_ROOT } from '../fixtures/browser-shell';
import { expect, test } from '../fixtures/test';

const packageVersion = (JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string }).version;

test.describe('app shell in the browser shell', () => {
  // The app is shared by the spec files of a worker: leave any demo an earlier file started, as a trader would.
  test.beforeEach(async ({ app, shell }) => {
    await app.page.request.post(`${shell.origin}/api/stopDemo`, {
      headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/json' },
      data: {},
    });
    await app.page.reload();
    await app.statusShell.waitFor();
  });

  test('shows the header, the empty accounts and positions areas, and the status bar', async ({ app }) => {
    await expect(app.title).toHaveText('Liquidation Guard');
    await expect(app.addKeyButton).toHaveText('Add a read-only API key');
    await expect(app.demoButton).toHaveText('Try the demo');
    await expect(app.positionsEmpty).toContainText('No open positions');
    await expect(app.statusShell).toHaveText('Browser shell');
    await expect(app.statusVersion).toHaveText(`v${packageVersion}`);
    await expect(app.statusError).toHaveCount(0);
    await app.screenshot('shell');
  });

  test('is dark by default', async ({ app }) => {
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const background = await app.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // --bg of the dark theme in renderer/styles.css: #0b0e13.
    expect(background).toBe('rgb(11, 14, 19)');
  });

  test('the keyboard reaches the way in, focus is visible, and it opens the add-key form', async ({ app }) => {
    await app.addKeyButton.focus();
    await expect(app.addKeyButton).toBeFocused();
    const outline = await app.addKeyButton.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).toBe('solid');
    await app.page.keyboard.press('Enter');
    await expect(app.page.getByTestId('accounts-add-form')).toBeVisible();
    await app.page.getByTestId('shell-nav-dashboard-tab').click();
  });

  test('the token leaves the address bar once read', async ({ app }) => {
    await expect.poll(() => new URL(app.page.url()).hash).toBe('');
  });
});
