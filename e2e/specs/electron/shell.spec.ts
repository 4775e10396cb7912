import { expect, test } from '../../fixtures/electron-app';

test('the app shell renders in Electron and names its shell', async ({ app }) => {
  await expect(app.title).toHaveText('Liquidation Guard');
  await expect(app.addKeyButton).toHaveAttribute('aria-disabled', 'true');
  await expect(app.positionsEmpty).toContainText('No open positions');
  await expect(app.statusShell).toHaveText('Electron');
  await app.screenshot('shell-electron');
});
