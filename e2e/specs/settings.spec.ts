import { expect, test } from '../fixtures/test';
import { SettingsPage } from '../pages/settings.page';

test.describe('settings', () => {
  test('bad input is named under its field and nothing is saved; good input persists across a reload', async ({
    app,
  }) => {
    const settings = new SettingsPage(app.page);
    await settings.open();
    await settings.input('riskPercent').fill('-2');
    await expect(settings.errorOf('riskPercent')).toHaveText('Risk per trade must be above 0 % and at most 10 %.');
    await settings.input('riskPercent').fill('0.5');
    await expect(settings.errorOf('riskPercent')).toHaveCount(0);
    await settings.page.getByText('Light', { exact: true }).click();
    await app.screenshot('settings');
    await settings.saveButton.click();
    await expect(settings.savedMessage).toBeVisible();
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'light');

    await app.page.reload();
    await app.statusShell.waitFor();
    await settings.open();
    await expect(settings.input('riskPercent')).toHaveValue('0.5');
    // Put the theme back for the specs that follow in this worker.
    await settings.page.getByText('Dark', { exact: true }).click();
    await settings.saveButton.click();
    await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});
