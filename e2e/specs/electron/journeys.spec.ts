import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKLIST_TITLE } from '../../../shared/checklist/build-checklist';
import { expect, test } from '../../fixtures/electron-app';
import { DashboardPage } from '../../pages/dashboard.page';
import { SettingsPage } from '../../pages/settings.page';

/** The browser-shell journeys, in the Electron product (skipped with the reason where its runtime is absent). */
test.describe('journeys in Electron', () => {
  test('the demo opens on a dashboard sorted by severity', async ({ app }) => {
    const dashboard = new DashboardPage(app.page);
    await dashboard.openDemo();
    await expect(dashboard.demoBadge).toHaveText('DEMO');
    const rows = await dashboard.rowSummaries();
    expect(['danger', 'critical']).toContain(rows[0]?.severity);
  });

  test('settings persist through the services', async ({ app }) => {
    const settings = new SettingsPage(app.page);
    await settings.open();
    await settings.input('riskPercent').fill('0.75');
    await settings.saveButton.click();
    await expect(settings.savedMessage).toBeVisible();
  });

  test('the checklist is saved where the save dialog says, never where the page says', async ({ app, electronApp }) => {
    const target = path.join(os.tmpdir(), `lg-electron-checklist-${Date.now()}.md`);
    // Answer the system save dialog in the main process, as a trader picking a file would.
    await electronApp.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = () => Promise.resolve({ canceled: false, filePath });
    }, target);
    await new DashboardPage(app.page).openDemo();
    await app.page.keyboard.press('Control+e');
    await app.page.getByTestId('checklist-export-md-item').click();
    await expect(app.page.getByTestId('checklist-export-outcome')).toContainText(target);
    expect(readFileSync(target, 'utf8')).toContain(CHECKLIST_TITLE);
  });
});
