import { METHOD_NAMES } from '../../../shared/ipc/contract';
import { expect, test } from '../../fixtures/electron-app';

test.describe('Electron security baseline (security.md §3)', () => {
  test('the window is sandboxed and isolated', async ({ electronApp, window }) => {
    await window.waitForLoadState('domcontentloaded');
    const preferences = await electronApp.evaluate(({ BrowserWindow }) => {
      const [first] = BrowserWindow.getAllWindows();
      // getLastWebPreferences (not in electron.d.ts) is Electron's own record of what the window was created with.
      const contents = first?.webContents as unknown as { getLastWebPreferences: () => Record<string, unknown> };
      const prefs = contents.getLastWebPreferences();
      return {
        sandbox: prefs['sandbox'],
        contextIsolation: prefs['contextIsolation'],
        nodeIntegration: prefs['nodeIntegration'],
        webSecurity: prefs['webSecurity'],
      };
    });
    expect(preferences).toEqual({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
  });

  test('the page has no require or process', async ({ window }) => {
    expect(await window.evaluate(() => typeof (globalThis as Record<string, unknown>)['require'])).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as Record<string, unknown>)['process'])).toBe('undefined');
  });

  test('window.api is exactly the contract plus on', async ({ window }) => {
    const keys = await window.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort());
    expect(keys).toEqual([...METHOD_NAMES, 'on'].sort());
  });

  test('window.open yields no window', async ({ electronApp, window }) => {
    await window.evaluate(() => globalThis.open('https://example.com'));
    const count = await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
    expect(count).toBe(1);
  });

  test('navigation away is refused', async ({ window }) => {
    const before = window.url();
    await window.evaluate(() => {
      globalThis.location.href = 'https://example.com';
    });
    await expect.poll(() => window.url()).toBe(before);
  });

  test('permission requests are denied', async ({ window }) => {
    const state = await window.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' })).state);
    expect(state).not.toBe('granted');
  });

  test('the renderer has a strict CSP: an inline script does not run', async ({ window }) => {
    const ran = await window.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = true';
      document.head.append(script);
      return (globalThis as unknown as { __inline?: boolean }).__inline === true;
    });
    expect(ran).toBe(false);
  });
});
