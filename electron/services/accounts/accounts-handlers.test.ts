import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import { contract, type Handlers } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import { inProcessFetch } from '../../simulator/in-process';
import { simKey, type KeyProfile } from '../../simulator/keys';
import { Simulator } from '../../simulator/simulator';
import { invokeHandler } from '../invoke';
import { createMemorySecretStore } from '../keychain/memory-secret-store';
import { SettingsFile } from '../settings/settings-file';
import { createAccountService } from './account-service';
import { createAccountsHandlers } from './accounts-handlers';
import { createCcxtPermissionChecker, type KeyPermissionChecker } from './permission-checker';
import { interpretBinance, interpretOkx } from './permission-rules';

/**
 * Secrets are write-only (DESIGN.md §3, security.md §0.4): after accounts are added, re-checked, rotated, refused and
 * deleted through the handlers, no contract response, no file in the data folder, and no log line or console output
 * contains any secret value. keyHint (… + last four) is the only trace.
 */
const OKX: VenueCredentials = {
  venue: 'okx',
  apiKey: 'okx-apikey-5f1c2e7d-91aa-4bb0-8c3e-77d2e6a1c0ff',
  secret: 'OKXSECRET-9B8A7C6D5E4F3A2B1C0D9E8F7A6B5C4D',
  passphrase: 'Passphrase!With-Words_42',
};
const BINANCE: VenueCredentials = {
  venue: 'binance',
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
};
const BINANCE_ROTATED: VenueCredentials = {
  venue: 'binance',
  apiKey: 'rotatedKeyQ2w3E4r5T6y7U8i9O0pAsDfGhJkLzXcVbNm1234567890abcdefWXYZ',
  secret: 'rotatedSecretZ9y8X7w6V5u4T3s2R1q0PoNmLkJiHgFeDcBa0987654321zyxw',
};
const TRADE_KEY: VenueCredentials = {
  venue: 'binance',
  apiKey: 'tradeKeyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4Y5z6AB90',
  secret: 'tradeSecretAbCdEfGhIjKlMnOpQrStUvWxYz0123456789aBcDeFgHiJkLmNoP',
};
const PRIVATE_KEY = `0x${'7d3a'.repeat(16)}`;

/** Every value that must never come back out. */
const SECRETS = [
  OKX.apiKey,
  OKX.secret,
  OKX.passphrase,
  BINANCE.apiKey,
  BINANCE.secret,
  BINANCE_ROTATED.apiKey,
  BINANCE_ROTATED.secret,
  TRADE_KEY.apiKey,
  TRADE_KEY.secret,
  PRIVATE_KEY,
  PRIVATE_KEY.slice(2),
];

const binanceAnswer = { enableReading: true, ipRestrict: true, enableWithdrawals: false, enableFutures: false };
const checker: KeyPermissionChecker = {
  check: (credentials) => {
    if (credentials.venue === 'okx')
      return Promise.resolve(ok(interpretOkx({ code: '0', data: [{ perm: 'read_only' }] })));
    if (credentials.venue !== 'binance') throw new Error('not used');
    const trade = credentials.apiKey === TRADE_KEY.apiKey;
    return Promise.resolve(ok(interpretBinance({ ...binanceAnswer, enableFutures: trade })));
  },
};

const dirs: string[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function filesUnder(root: string): Promise<string[]> {
  const texts: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) texts.push(await readFile(path.join(entry.parentPath, entry.name), 'utf8'));
  }
  return texts;
}

/**
 * Handlers over a fresh data folder, with every console level and stdout/stderr captured. `call` invokes a method
 * the way both transports do (raw JSON args parsed by the contract, then the handler) and keeps the response.
 */
async function harness(permissionChecker: KeyPermissionChecker) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lg-secret-leak-'));
  dirs.push(dir);
  const logLines: string[] = [];
  const output: string[] = [];
  const capture = (...args: unknown[]) => {
    output.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation(capture);
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return write(chunk, ...rest);
    });
  }
  const accounts = createAccountService({
    settingsFile: new SettingsFile(dir),
    secretStore: createMemorySecretStore(),
    permissionChecker,
    log: (line) => logLines.push(line),
  });
  const handlers = createAccountsHandlers({ accounts });
  const responses: unknown[] = [];
  const call = async (name: keyof typeof handlers, args: unknown) => {
    const outcome = await invokeHandler(handlers as Handlers, name, JSON.parse(JSON.stringify(args)), capture);
    const result = outcome.kind === 'unknown_method' ? outcome.message : outcome.result;
    responses.push(result);
    if (typeof result !== 'string' && result.ok) {
      // Whatever the handler returned must also satisfy the contract's result schema.
      expect(contract[name].result.safeParse(result.value).success).toBe(true);
    }
    return result;
  };
  const idOf = (result: unknown) => (result as { value: { account: { accountId: string } } }).value.account.accountId;
  const haystacks = async () => ({
    responses: JSON.stringify(responses),
    files: (await filesUnder(dir)).join('\n'),
    serviceLog: logLines.join('\n'),
    consoleAndStdio: output.join('\n'),
  });
  return { call, idOf, responses, logLines, haystacks };
}

function expectNoSecrets(haystacks: Record<string, string>, secrets: readonly string[]): void {
  for (const [where, text] of Object.entries(haystacks)) {
    for (const secret of secrets) {
      expect(text.includes(secret), `${where} contains a secret (…${secret.slice(-4)})`).toBe(false);
    }
  }
}

describe('no secret ever comes back out', () => {
  it('contract responses, the data folder and all log/console output are free of every secret', async () => {
    const { call, idOf, responses, logLines, haystacks } = await harness(checker);

    const okx = await call('addAccount', { label: 'OKX main', credentials: OKX, sessionOnly: false });
    const binance = await call('addAccount', { label: 'Binance', credentials: BINANCE, sessionOnly: true });
    expect(okx).toMatchObject({ ok: true, value: { account: { keyHint: '…c0ff' } } });
    expect(binance).toMatchObject({ ok: true, value: { account: { keyHint: '…Eh8A', sessionOnly: true } } });
    const okxId = idOf(okx);
    const binanceId = idOf(binance);

    // Refusals and invalid input echo nothing either.
    expect(await call('addAccount', { label: 'Trade', credentials: TRADE_KEY, sessionOnly: false })).toMatchObject({
      ok: false,
      error: { code: 'permission_too_broad' },
    });
    expect(
      await call('addAccount', {
        label: 'HL',
        credentials: { venue: 'hyperliquid', walletAddress: PRIVATE_KEY },
        sessionOnly: false,
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('addAccount', { label: 'OKX again', credentials: OKX, sessionOnly: false })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    await call('listAccounts', {});
    await call('getKeychainStatus', {});
    await call('updateAccount', { accountId: okxId, label: 'Renamed', enabled: false });
    await call('updateAccount', { accountId: okxId, enabled: true });
    await call('recheckAccount', { accountId: okxId });
    await call('rotateAccountKey', { accountId: binanceId, credentials: BINANCE_ROTATED });
    await call('rotateAccountKey', { accountId: binanceId, credentials: TRADE_KEY });
    await call('listAccounts', {});
    await call('deleteAccount', { accountId: binanceId });
    await call('listAccounts', {});

    expect(responses).toHaveLength(15);
    const found = await haystacks();
    // The settings file exists and lists the OKX account (so the files haystack is not vacuous).
    expect(found.files).toContain('Renamed');
    expect(logLines.length).toBeGreaterThan(0);
    expectNoSecrets(found, SECRETS);
  });

  it('the same through the real ccxt checker against the simulator, refusals and venue errors included', async () => {
    const sim = new Simulator({ scenario: 'calm' });
    const { call, idOf, haystacks } = await harness(
      createCcxtPermissionChecker({ fetchImplementation: inProcessFetch(sim) }),
    );
    const creds = (venue: 'binance' | 'okx', profile: KeyProfile): VenueCredentials => {
      const key = simKey(venue, profile);
      return venue === 'okx'
        ? { venue, apiKey: key.apiKey, secret: key.secret, passphrase: key.passphrase ?? '' }
        : { venue, apiKey: key.apiKey, secret: key.secret };
    };
    const used: VenueCredentials[] = [];
    const add = async (venue: 'binance' | 'okx', profile: KeyProfile) => {
      used.push(creds(venue, profile));
      return call('addAccount', {
        label: `${venue} ${profile}`,
        credentials: creds(venue, profile),
        sessionOnly: false,
      });
    };
    const binance = await add('binance', 'read-only');
    const okx = await add('okx', 'read-only');
    expect(binance).toMatchObject({ ok: true });
    expect(okx).toMatchObject({ ok: true });
    for (const profile of ['trade-enabled', 'withdraw-enabled', 'transfer-enabled', 'no-read'] as const) {
      expect(await add('binance', profile)).toMatchObject({ ok: false });
      expect(await add('okx', profile)).toMatchObject({ ok: false });
    }
    const unknown: VenueCredentials = {
      venue: 'binance',
      apiKey: 'sim-binance-unregistered-key',
      secret: 'unregistered-secret-value',
    };
    used.push(unknown);
    expect(await call('addAccount', { label: 'x', credentials: unknown, sessionOnly: false })).toMatchObject({
      ok: false,
      error: { code: 'auth' },
    });
    sim.injectFault({
      kind: 'permission-change',
      venue: 'okx',
      apiKey: simKey('okx', 'read-only').apiKey,
      profile: 'withdraw-enabled',
    });
    expect(await call('recheckAccount', { accountId: idOf(okx) })).toMatchObject({
      ok: true,
      value: { account: { enabled: false } },
    });
    await call('listAccounts', {});
    await call('deleteAccount', { accountId: idOf(binance) });

    const secrets = used.flatMap((c) =>
      c.venue === 'okx' ? [c.apiKey, c.secret, c.passphrase] : c.venue === 'hyperliquid' ? [] : [c.apiKey, c.secret],
    );
    expectNoSecrets(await haystacks(), secrets);
  });
});
