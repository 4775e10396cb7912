import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import { err, ok, type Result } from '../../../shared/result';
import { createMemorySecretStore } from '../keychain/memory-secret-store';
import { keychainErr, unavailableStatus, type SecretStore } from '../keychain/secret-store';
import { SettingsFile } from '../settings/settings-file';
import { createAccountService, type AccountService } from './account-service';
import type { KeyPermissionChecker } from './permission-checker';
import { interpretBinance, interpretBybit, interpretOkx, type KeyPermissionReport } from './permission-rules';

/**
 * The account service over a real SettingsFile (temp dir) and a memory SecretStore, with a fake permission checker
 * that answers with venue-shaped responses (shapes: security.md §2.1–2.3) per API key.
 */
const binanceAnswer = (flags: Record<string, boolean> = {}) => ({
  ipRestrict: true,
  createTime: 1,
  enableReading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableSpotAndMarginTrading: false,
  ...flags,
});
const bybitAnswer = (readOnly: number) => ({
  retCode: 0,
  retMsg: 'OK',
  result: { readOnly, permissions: { ContractTrade: ['Order', 'Position'], Wallet: [] }, ips: ['1.2.3.4'] },
});

type Answer = Result<KeyPermissionReport>;
class FakeChecker implements KeyPermissionChecker {
  readonly answers = new Map<string, () => Answer>();
  calls = 0;
  check(credentials: VenueCredentials): Promise<Answer> {
    this.calls += 1;
    const id = credentials.venue === 'hyperliquid' ? credentials.walletAddress : credentials.apiKey;
    const answer = this.answers.get(id);
    if (credentials.venue === 'hyperliquid') {
      return Promise.resolve(
        ok({
          read: true,
          venueFlags: ['wallet address only'],
          grants: { trading: [], withdrawals: [], transfers: [] },
          unrecognised: [],
          cannotReadReason: null,
          notes: [],
        }),
      );
    }
    return Promise.resolve(answer ? answer() : err('auth', `unknown key in test`));
  }
  answer(apiKey: string, raw: () => KeyPermissionReport): void {
    this.answers.set(apiKey, () => ok(raw()));
  }
}

/** A SecretStore that can be switched to "locked", as gnome-keyring reports it (security.md §1.2). */
function switchableStore(inner: SecretStore = createMemorySecretStore()) {
  const lockedError = new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed");
  let locked = false;
  const store: SecretStore = {
    kind: 'os',
    status: () => (locked ? Promise.resolve(unavailableStatus('os', lockedError)) : inner.status()),
    set: (id, secret) => (locked ? Promise.resolve(keychainErr(lockedError)) : inner.set(id, secret)),
    get: (id) => (locked ? Promise.resolve(keychainErr(lockedError)) : inner.get(id)),
    delete: (id) => (locked ? Promise.resolve(keychainErr(lockedError)) : inner.delete(id)),
    list: () => (locked ? Promise.resolve(keychainErr(lockedError)) : inner.list()),
  };
  return { store, inner, lock: (value: boolean) => (locked = value) };
}

const BINANCE_RO: VenueCredentials = {
  venue: 'binance',
  apiKey: 'binanceReadOnlyKeyAB12',
  secret: 'binSecretValue9999',
};
const BINANCE_TRADE: VenueCredentials = {
  venue: 'binance',
  apiKey: 'binanceTradeKeyCD34',
  secret: 'binSecretTrade7777',
};
const BYBIT_RW: VenueCredentials = { venue: 'bybit', apiKey: 'bybitReadWriteKeyEF56', secret: 'bybitSecret5555' };
const OKX_RO: VenueCredentials = {
  venue: 'okx',
  apiKey: 'okxReadOnlyKeyGH78',
  secret: 'okxSecret3333',
  passphrase: 'okxPass-1',
};
const WALLET = '0x5e1f0000000000000000000000000000000d3e00';

let dir: string;
let settingsFile: SettingsFile;
let checker: FakeChecker;
let keychain: ReturnType<typeof switchableStore>;
let logLines: string[];
let clock: number;
let ids: number;
let service: AccountService;

const build = () =>
  createAccountService({
    settingsFile,
    secretStore: keychain.store,
    permissionChecker: checker,
    log: (line) => logLines.push(line),
    now: () => clock,
    newId: () => `acct-${++ids}`,
  });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-accounts-'));
  settingsFile = new SettingsFile(dir);
  checker = new FakeChecker();
  checker.answer(BINANCE_RO.apiKey, () => interpretBinance(binanceAnswer()));
  checker.answer(BINANCE_TRADE.apiKey, () => interpretBinance(binanceAnswer({ enableFutures: true })));
  checker.answer(BYBIT_RW.apiKey, () => interpretBybit(bybitAnswer(0)));
  checker.answer(OKX_RO.apiKey, () => interpretOkx({ code: '0', data: [{ perm: 'read_only', ip: '1.2.3.4' }] }));
  keychain = switchableStore();
  logLines = [];
  clock = 1_700_000_000_000;
  ids = 0;
  service = build();
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

const storedFile = async () =>
  JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')) as { accounts: { accountId: string }[] };
const allowTradeKeys = (allow: boolean) =>
  settingsFile.update((c) => ({ ...c, settings: { ...c.settings, allowTradeEnabledKeys: allow } }));

describe('add', () => {
  it('saves a read-only Binance key: secret in the keychain, account (without secret) in the settings file', async () => {
    const added = await service.add({ label: ' Main ', credentials: BINANCE_RO, sessionOnly: false });
    expect(added).toEqual({
      ok: true,
      value: {
        account: {
          accountId: 'acct-1',
          venue: 'binance',
          label: 'Main',
          keyHint: '…AB12', // last four of binanceReadOnlyKeyAB12
          permissions: {
            read: true,
            trade: false,
            withdraw: false,
            transfer: false,
            venueFlags: ['enableReading'],
            checkedAt: clock,
          },
          enabled: true,
          disabledReason: null,
          sessionOnly: false,
          demo: false,
          addedAt: clock,
          permissionCheck: {
            verdict: 'read_only',
            message: expect.stringMatching(/^Read-only: Binance/u) as unknown,
            at: clock,
          },
        },
      },
    });
    // The keychain holds the credentials as JSON; nothing else does.
    expect(await keychain.inner.get('acct-1')).toEqual({ ok: true, value: JSON.stringify(BINANCE_RO) });
    expect((await storedFile()).accounts.map((a) => a.accountId)).toEqual(['acct-1']);
    expect(await service.list()).toHaveLength(1);
  });

  it('saves OKX (key + secret + passphrase) and refuses OKX without a passphrase', async () => {
    expect((await service.add({ label: 'OKX', credentials: OKX_RO, sessionOnly: false })).ok).toBe(true);
    const withoutPassphrase = { venue: 'okx', apiKey: OKX_RO.apiKey, secret: 'okxSecret3333' };
    const refused = await service.add({
      label: 'OKX 2',
      credentials: withoutPassphrase as unknown as VenueCredentials,
      sessionOnly: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each([
    ['64 hex characters', 'ab'.repeat(32)],
    ['0x + 64 hex characters', `0x${'4c'.repeat(32)}`],
  ])('refuses a Hyperliquid private key (%s) with the reason, and stores nothing', async (_name, privateKey) => {
    const refused = await service.add({
      label: 'HL',
      credentials: { venue: 'hyperliquid', walletAddress: privateKey },
      sessionOnly: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(/private key, not a wallet address/u);
    expect(!refused.ok && refused.error.message).not.toContain(privateKey);
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });
  });

  it('accepts a Hyperliquid wallet address with its last four as the hint', async () => {
    const added = await service.add({
      label: 'HL',
      credentials: { venue: 'hyperliquid', walletAddress: WALLET },
      sessionOnly: false,
    });
    expect(added).toMatchObject({
      ok: true,
      value: { account: { venue: 'hyperliquid', keyHint: '…3e00', enabled: true } },
    });
  });

  it('refuses a trade-enabled key by default, naming the permission; accepts it with a warning when allowed', async () => {
    const refused = await service.add({ label: 'T', credentials: BINANCE_TRADE, sessionOnly: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission_too_broad' } });
    expect(!refused.ok && refused.error.message).toContain('can trade (enableFutures)');
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });

    await allowTradeKeys(true);
    const accepted = await service.add({ label: 'T', credentials: BINANCE_TRADE, sessionOnly: false });
    expect(accepted).toMatchObject({
      ok: true,
      value: { account: { permissions: { trade: true }, permissionCheck: { verdict: 'trade_allowed' } } },
    });
  });

  it('refuses a withdraw-enabled key even when trade-enabled keys are allowed', async () => {
    await allowTradeKeys(true);
    checker.answer('binanceWithdrawKey0001', () => interpretBinance(binanceAnswer({ enableWithdrawals: true })));
    const refused = await service.add({
      label: 'W',
      credentials: { venue: 'binance', apiKey: 'binanceWithdrawKey0001', secret: 'whatever-secret' },
      sessionOnly: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission_too_broad' } });
    expect(!refused.ok && refused.error.message).toContain('withdraw funds (enableWithdrawals)');
  });

  it('fails closed when the permission check cannot run: nothing is saved', async () => {
    checker.answers.set(BINANCE_RO.apiKey, () => err('network', 'Binance could not be reached (ECONNREFUSED).'));
    const refused = await service.add({ label: 'N', credentials: BINANCE_RO, sessionOnly: false });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'network',
        message: expect.stringMatching(/^Not saved: the key's permissions could not be verified/u) as unknown,
      },
    });
    expect(await service.list()).toEqual([]);
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });
  });

  it('refuses the same key twice', async () => {
    await service.add({ label: 'A', credentials: BINANCE_RO, sessionOnly: false });
    expect(await service.add({ label: 'B', credentials: BINANCE_RO, sessionOnly: false })).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'This key is already added as "A".' },
    });
  });

  it('says the keyring is locked, and saves session-only (memory, never the file) when the trader opts in', async () => {
    keychain.lock(true);
    const refused = await service.add({ label: 'L', credentials: BINANCE_RO, sessionOnly: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
    expect(!refused.ok && refused.error.message).toMatch(/^The keyring is locked.*session-only mode/su);
    expect(checker.calls).toBe(0);

    const session = await service.add({ label: 'L', credentials: BINANCE_RO, sessionOnly: true });
    expect(session).toMatchObject({ ok: true, value: { account: { sessionOnly: true, enabled: true } } });
    expect((await service.list()).map((a) => a.sessionOnly)).toEqual([true]);
    expect((await settingsFile.load()).accounts).toEqual([]);
    expect(await service.credentialsFor('acct-1')).toEqual({ ok: true, value: BINANCE_RO });
    keychain.lock(false);
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });
    // A new process (the app restarted) has no session-only account.
    expect(await build().list()).toEqual([]);
  });

  it('removes the keychain entry again when the settings file cannot be written', async () => {
    vi.spyOn(settingsFile, 'update').mockRejectedValueOnce(new Error('ENOSPC: no space left on device'));
    const failed = await service.add({ label: 'A', credentials: BINANCE_RO, sessionOnly: false });
    expect(failed).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'The account could not be saved to the settings file: ENOSPC: no space left on device',
      },
    });
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });
  });
});

describe('update, re-check, rotate, delete', () => {
  const addRo = async () => {
    const added = await service.add({ label: 'Main', credentials: BINANCE_RO, sessionOnly: false });
    if (!added.ok) throw new Error(added.error.message);
    return added.value.account.accountId;
  };

  it('renames and disables; enabling asks the venue again', async () => {
    const id = await addRo();
    expect(await service.update(id, { label: 'Renamed' })).toMatchObject({ ok: true, value: { label: 'Renamed' } });
    expect(await service.update(id, { enabled: false })).toMatchObject({
      ok: true,
      value: { enabled: false, disabledReason: null },
    });
    checker.answer(BINANCE_RO.apiKey, () => interpretBinance(binanceAnswer({ enableFutures: true })));
    const refused = await service.update(id, { enabled: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'permission_too_broad' } });
    expect(!refused.ok && refused.error.message).toContain('can trade (enableFutures)');
    checker.answer(BINANCE_RO.apiKey, () => interpretBinance(binanceAnswer()));
    expect(await service.update(id, { enabled: true })).toMatchObject({
      ok: true,
      value: { enabled: true, disabledReason: null },
    });
  });

  it('a key that gained trade rights is disabled with the reason by the automatic re-check; only the trader re-enables', async () => {
    const id = await addRo();
    clock += 1000;
    checker.answer(BINANCE_RO.apiKey, () => interpretBinance(binanceAnswer({ enableFutures: true })));
    const [after] = await service.recheckAll();
    expect(after).toMatchObject({
      enabled: false,
      disabledReason: expect.stringContaining('can trade (enableFutures)') as unknown,
      permissions: { trade: true, checkedAt: clock },
      permissionCheck: { verdict: 'refused', at: clock },
    });
    expect(logLines.some((line) => line.includes(`${id} (Binance …AB12) disabled by re-check`))).toBe(true);

    // The trader fixes the key on Binance; the automatic check records it but leaves the account disabled.
    checker.answer(BINANCE_RO.apiKey, () => interpretBinance(binanceAnswer()));
    expect((await service.recheckAll())[0]).toMatchObject({
      enabled: false,
      permissionCheck: { verdict: 'read_only' },
    });
    // The trader's own re-check re-enables it.
    expect(await service.recheck(id, 'user')).toMatchObject({
      ok: true,
      value: { enabled: true, disabledReason: null },
    });
  });

  it('records "unverified" without disabling when the venue cannot be reached', async () => {
    const id = await addRo();
    checker.answers.set(BINANCE_RO.apiKey, () => err('network', 'Binance could not be reached.'));
    expect(await service.recheck(id, 'automatic')).toMatchObject({
      ok: true,
      value: {
        enabled: true,
        permissionCheck: {
          verdict: 'unverified',
          message: 'Permissions not re-verified: Binance could not be reached.',
        },
      },
    });
  });

  it('disables the account when trade-enabled keys are no longer allowed', async () => {
    await allowTradeKeys(true);
    await service.add({ label: 'T', credentials: BINANCE_TRADE, sessionOnly: false });
    await allowTradeKeys(false);
    expect((await service.recheckAll())[0]).toMatchObject({ enabled: false, permissionCheck: { verdict: 'refused' } });
  });

  it('rotates to a new key of the same venue, refuses another venue or a too-broad key, keeping the old one', async () => {
    const id = await addRo();
    const other: VenueCredentials = { venue: 'binance', apiKey: 'binanceSecondKeyZZ99', secret: 'secondSecret' };
    checker.answer(other.apiKey, () => interpretBinance(binanceAnswer()));
    expect(await service.rotate(id, OKX_RO)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await service.rotate(id, BINANCE_TRADE)).toMatchObject({
      ok: false,
      error: { code: 'permission_too_broad' },
    });
    expect(await service.credentialsFor(id)).toEqual({ ok: true, value: BINANCE_RO });
    expect(await service.rotate(id, other)).toMatchObject({ ok: true, value: { account: { keyHint: '…ZZ99' } } });
    expect(await service.credentialsFor(id)).toEqual({ ok: true, value: other });
  });

  it('deletes the account and its keychain entry', async () => {
    const id = await addRo();
    expect(await service.remove(id)).toEqual({ ok: true, value: { accountId: id, notice: null } });
    expect(await service.list()).toEqual([]);
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });
    expect(await service.remove(id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('deletes the account while the keyring is locked, says the secret is still there, and repair removes it later', async () => {
    const id = await addRo();
    keychain.lock(true);
    const removed = await service.remove(id);
    expect(removed).toMatchObject({
      ok: true,
      value: { notice: expect.stringContaining('could not be deleted from the keychain yet') as unknown },
    });
    keychain.lock(false);
    expect(await build().repair()).toMatchObject({ orphansDeleted: 1 });
    expect(await keychain.inner.list()).toEqual({ ok: true, value: [] });
  });
});

describe('repair after a crash between the two writes', () => {
  it('deletes keychain entries no account refers to (crash after the secret was written on add)', async () => {
    await keychain.inner.set('orphan-1', JSON.stringify(BINANCE_RO));
    await service.add({ label: 'Kept', credentials: OKX_RO, sessionOnly: false });
    expect(await build().repair()).toEqual({
      orphansDeleted: 1,
      disabledMissingSecret: [],
      hintsFixed: [],
      keychainProblem: null,
    });
    expect(await keychain.inner.list()).toEqual({ ok: true, value: ['acct-1'] });
  });

  it('disables an account whose secret is missing, with the reason', async () => {
    await service.add({ label: 'Gone', credentials: BINANCE_RO, sessionOnly: false });
    await keychain.inner.delete('acct-1');
    expect(await build().repair()).toMatchObject({ disabledMissingSecret: ['acct-1'] });
    expect((await settingsFile.load()).accounts[0]).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^The secret for this account is missing from the keychain/u) as unknown,
    });
  });

  it('fixes the key hint when a rotate wrote the new secret but not the list', async () => {
    await service.add({ label: 'R', credentials: BINANCE_RO, sessionOnly: false });
    await keychain.inner.set('acct-1', JSON.stringify({ ...BINANCE_RO, apiKey: 'rotatedKeyWXYZ' }));
    expect(await build().repair()).toMatchObject({ hintsFixed: ['acct-1'] });
    expect((await settingsFile.load()).accounts[0]?.keyHint).toBe('…WXYZ');
  });

  it('reports, and changes nothing, when the keychain is locked at start', async () => {
    await service.add({ label: 'R', credentials: BINANCE_RO, sessionOnly: false });
    keychain.lock(true);
    const report = await build().repair();
    expect(report.keychainProblem).toMatch(/^The keyring is locked/u);
    expect((await settingsFile.load()).accounts[0]).toMatchObject({ enabled: true });
  });
});

describe('start', () => {
  it('repairs, re-checks every account now, then on the schedule', async () => {
    await service.add({ label: 'A', credentials: BINANCE_RO, sessionOnly: false });
    vi.useFakeTimers();
    const callsAfterAdd = checker.calls;
    const started = await build().start({ recheckIntervalMs: 60_000 });
    expect(checker.calls).toBe(callsAfterAdd + 1);
    checker.answer(BINANCE_RO.apiKey, () => interpretBinance(binanceAnswer({ enableWithdrawals: true })));
    await vi.advanceTimersByTimeAsync(60_000);
    await started.idle();
    expect(checker.calls).toBe(callsAfterAdd + 2);
    expect((await settingsFile.load()).accounts[0]).toMatchObject({ enabled: false, permissions: { withdraw: true } });
    started.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(checker.calls).toBe(callsAfterAdd + 2);
  });
});
