import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import { READ_ONLY_KEY_HOWTO } from '../../../shared/domain/credentials';
import { startSimulatorServer, type RunningSimulatorServer } from '../../simulator/http-server';
import { simKey, type KeyProfile } from '../../simulator/keys';
import { Simulator } from '../../simulator/simulator';
import { loopbackTransport, VENUE_HOSTS } from '../exchanges/transport';
import { createMemorySecretStore } from '../keychain/memory-secret-store';
import { SettingsFile } from '../settings/settings-file';
import { createAccountService, type AccountService } from './account-service';
import { createCcxtPermissionChecker } from './permission-checker';

/**
 * The real ccxt permission checker (Binance sapiGetAccountApiRestrictions, Bybit privateGetV5UserQueryApi, OKX
 * privateGetAccountConfig) against the exchange simulator on loopback HTTP, through the account service. The
 * simulator's key profiles (electron/simulator/keys.ts) set what each venue's endpoint reports; expected wording
 * comes from the policy in security.md §2 (withdraw/transfer always refused, trade refused by default, no read
 * refused with the venue's reason).
 */
const VENUES = ['binance', 'bybit', 'okx'] as const;
type KeyVenue = (typeof VENUES)[number];

const sim = new Simulator({ scenario: 'calm' });
let server: RunningSimulatorServer;
let dir: string;
let settingsFile: SettingsFile;
let service: AccountService;

beforeAll(async () => {
  server = await startSimulatorServer(sim);
});
afterAll(async () => {
  await server.close();
});
const newService = async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-accounts-sim-'));
  settingsFile = new SettingsFile(dir);
  service = createAccountService({
    settingsFile,
    secretStore: createMemorySecretStore(),
    permissionChecker: createCcxtPermissionChecker({ fetchImplementation: loopbackTransport(server.url, sim.hosts) }),
  });
};
afterEach(async () => {
  sim.clearFaults();
  await rm(dir, { recursive: true, force: true });
});

const credentialsFor = (venue: KeyVenue, profile: KeyProfile): VenueCredentials => {
  const key = simKey(venue, profile);
  return venue === 'okx'
    ? { venue, apiKey: key.apiKey, secret: key.secret, passphrase: key.passphrase ?? '' }
    : { venue, apiKey: key.apiKey, secret: key.secret };
};
const add = (venue: KeyVenue, profile: KeyProfile) =>
  service.add({ label: `${venue} ${profile}`, credentials: credentialsFor(venue, profile), sessionOnly: false });
const allowTradeKeys = () =>
  settingsFile.update((c) => ({ ...c, settings: { ...c.settings, allowTradeEnabledKeys: true } }));

/** What each refusal must name, per venue and profile: the venue's own flag words (simulator/venues/*.ts). */
const REFUSALS: Readonly<
  Record<KeyVenue, Record<Exclude<KeyProfile, 'read-only'>, { code: string; words: string[] }>>
> = {
  binance: {
    'trade-enabled': {
      code: 'permission_too_broad',
      words: ['can trade (', 'enableFutures', 'enableSpotAndMarginTrading'],
    },
    'withdraw-enabled': { code: 'permission_too_broad', words: ['withdraw funds (enableWithdrawals)'] },
    'transfer-enabled': {
      code: 'permission_too_broad',
      words: ['transfer funds (', 'enableInternalTransfer', 'permitsUniversalTransfer'],
    },
    'no-read': { code: 'auth', words: ['cannot read', 'enableReading = false'] },
  },
  bybit: {
    'trade-enabled': { code: 'permission_too_broad', words: ['can trade (readOnly=0 (Read and Write))'] },
    'withdraw-enabled': { code: 'permission_too_broad', words: ['withdraw funds (Wallet.Withdraw)'] },
    'transfer-enabled': { code: 'permission_too_broad', words: ['transfer funds (', 'Wallet.AccountTransfer'] },
    // The simulator gates query-api behind read permission and answers 10005 (simulator/venues/bybit.ts).
    'no-read': { code: 'auth', words: ['Permission denied, please check your API key permissions. (code 10005)'] },
  },
  okx: {
    'trade-enabled': { code: 'permission_too_broad', words: ['can trade (trade)'] },
    'withdraw-enabled': { code: 'permission_too_broad', words: ['withdraw funds (withdraw)'] },
    'transfer-enabled': { code: 'permission_too_broad', words: ['transfer'] },
    'no-read': { code: 'auth', words: ['cannot read'] },
  },
};

/** The venues whose permission host the simulator answers for (it gains venues one at a time). */
const missing = (venue: KeyVenue) => !VENUE_HOSTS[venue].some((host) => sim.hosts.includes(host));

describe.each(VENUES)('%s key profiles through the simulator', (venue) => {
  if (missing(venue)) {
    it.skip(`skipped: the simulator does not serve ${venue} yet`, () => undefined);
    return;
  }

  it('accepts a read-only key', async () => {
    await newService();
    const added = await add(venue, 'read-only');
    expect(added).toMatchObject({
      ok: true,
      value: {
        account: {
          venue,
          enabled: true,
          permissions: { read: true, trade: false, withdraw: false, transfer: false },
          permissionCheck: { verdict: 'read_only' },
        },
      },
    });
  });

  it.each(['trade-enabled', 'withdraw-enabled', 'transfer-enabled', 'no-read'] as const)(
    'refuses a %s key, naming the permission and how to make a read-only key',
    async (profile) => {
      await newService();
      const refused = await add(venue, profile);
      const expected = REFUSALS[venue][profile];
      expect(refused).toMatchObject({ ok: false, error: { code: expected.code } });
      const message = refused.ok ? '' : refused.error.message;
      for (const words of expected.words) expect(message).toContain(words);
      expect(message).toContain(READ_ONLY_KEY_HOWTO[venue]);
      expect(await service.list()).toEqual([]);
    },
  );

  it('accepts a trade-enabled key with a warning when the setting allows it; never a withdraw-enabled one', async () => {
    await newService();
    await allowTradeKeys();
    expect(await add(venue, 'trade-enabled')).toMatchObject({
      ok: true,
      value: { account: { permissions: { trade: true }, permissionCheck: { verdict: 'trade_allowed' } } },
    });
    expect(await add(venue, 'withdraw-enabled')).toMatchObject({ ok: false, error: { code: 'permission_too_broad' } });
  });

  it('disables the account with a warning when the key gains trade rights after it was added', async () => {
    await newService();
    const added = await add(venue, 'read-only');
    if (!added.ok) throw new Error(added.error.message);
    sim.injectFault({
      kind: 'permission-change',
      venue,
      apiKey: simKey(venue, 'read-only').apiKey,
      profile: 'trade-enabled',
    });
    const [after] = await service.recheckAll();
    expect(after).toMatchObject({
      accountId: added.value.account.accountId,
      enabled: false,
      disabledReason: expect.stringContaining('can trade (') as unknown,
      permissions: { trade: true },
      permissionCheck: { verdict: 'refused' },
    });
  });

  it("refuses an unknown key with the venue's reason", async () => {
    await newService();
    const refused = await service.add({
      label: 'unknown',
      credentials: { ...credentialsFor(venue, 'read-only'), apiKey: `sim-${venue}-not-registered` } as VenueCredentials,
      sessionOnly: false,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'auth' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^Not saved: .* rejected this key: /u);
  });
});
