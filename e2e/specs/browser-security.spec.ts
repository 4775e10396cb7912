import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import { expect, test } from '../fixtures/test';

/**
 * security.md §4: every refusal with the status the prototype was probed with. Requests are raw HTTP (Playwright's
 * API client), so the Host and Origin headers are exactly what an attacker's page or a rebinding DNS would send.
 */
test.describe('browser shell refuses what is not the app', () => {
  let client: APIRequestContext;
  test.beforeAll(async () => {
    client = await playwrightRequest.newContext();
  });
  test.afterAll(async () => {
    await client.dispose();
  });

  const call = (origin: string, headers: Record<string, string>, data: string = '{}') =>
    client.post(`${origin}/api/getAppInfo`, { headers, data, failOnStatusCode: false });
  const json = { 'Content-Type': 'application/json' };

  test('with the token the API answers', async ({ shell }) => {
    const response = await call(shell.origin, { ...json, Authorization: `Bearer ${shell.token}` });
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { shell: 'browser' } });
  });

  test('no token: 401', async ({ shell }) => {
    expect((await call(shell.origin, json)).status()).toBe(401);
  });

  test('wrong token: 401', async ({ shell }) => {
    const wrong = 'A'.repeat(shell.token.length);
    expect((await call(shell.origin, { ...json, Authorization: `Bearer ${wrong}` })).status()).toBe(401);
  });

  test('foreign Origin (CSRF): 403', async ({ shell }) => {
    const headers = { ...json, Authorization: `Bearer ${shell.token}`, Origin: 'http://localhost:3000' };
    expect((await call(shell.origin, headers)).status()).toBe(403);
  });

  test('foreign Host (DNS rebinding): 421', async ({ shell }) => {
    const port = new URL(shell.origin).port;
    const headers = { ...json, Authorization: `Bearer ${shell.token}`, Host: `evil.example:${port}` };
    expect((await call(shell.origin, headers)).status()).toBe(421);
  });

  test('text/plain body: 415', async ({ shell }) => {
    const headers = { 'Content-Type': 'text/plain', Authorization: `Bearer ${shell.token}` };
    expect((await call(shell.origin, headers)).status()).toBe(415);
  });

  test('event stream needs the token too', async ({ shell }) => {
    const response = await client.get(`${shell.origin}/api/events`, { failOnStatusCode: false });
    expect(response.status()).toBe(401);
  });

  test('no CORS header on any answer, and the page itself still works', async ({ shell, app }) => {
    const refused = await call(shell.origin, { ...json, Origin: 'http://localhost:3000' });
    const served = await client.get(`${shell.origin}/`);
    for (const response of [refused, served]) {
      expect(Object.keys(response.headers()).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
    expect(served.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(app.statusShell).toHaveText('Browser shell');
  });

  test('the token is on no process command line', async ({ shell }) => {
    test.skip(process.platform !== 'linux', 'reads /proc, which only Linux has');
    const { readdirSync, readFileSync } = await import('node:fs');
    const commandLines = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map((pid) => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      });
    expect(commandLines.some((line) => line.includes(shell.token))).toBe(false);
  });
});
