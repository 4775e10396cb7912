import { randomUUID } from 'node:crypto';
import type { Account, PermissionCheck } from '../../../shared/domain/account';
import {
  keyHintOf,
  READ_ONLY_KEY_HOWTO,
  VenueCredentialsSchema,
  type VenueCredentials,
} from '../../../shared/domain/credentials';
import type { KeychainStatus } from '../../../shared/domain/keychain';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { err, ok, type Result } from '../../../shared/result';
import { createMemorySecretStore } from '../keychain/memory-secret-store';
import type { SecretStore } from '../keychain/secret-store';
import type { SettingsFile } from '../settings/settings-file';
import type { KeyPermissionChecker } from './permission-checker';
import { grants, judgeKey, type KeyJudgement, type KeyPermissionReport } from './permission-rules';

/**
 * Exchange accounts: the list lives in the settings file (never a secret), each secret in the SecretStore under the
 * account id (security.md §1–2, DESIGN.md §3). Secrets only flow IN: nothing this service returns carries one, except
 * `credentialsFor`, which exists for the exchange adapter that signs requests and must never reach a transport.
 *
 * Consistency between the two stores, without transactions:
 * - add: secret first, then the list. A crash in between leaves a keychain entry no account refers to; `repair`
 *   deletes it on the next start.
 * - delete: list first, then the secret. A crash in between leaves the same kind of orphan, removed the same way.
 * - rotate: the secret is overwritten in place, then the list updated. A crash in between leaves the old key hint;
 *   `repair` recomputes every hint from the stored secret and the start-up re-check refreshes the permissions.
 * - an account whose secret is missing or unreadable is disabled by `repair` with the reason, never silently used.
 * Session-only accounts (no keychain; the trader opted in) live only in memory, list entry and secret alike, until quit.
 */
export interface AccountService {
  list(): Promise<readonly Account[]>;
  keychainStatus(): Promise<KeychainStatus>;
  add(input: AddAccountInput): Promise<Result<AccountOutcome>>;
  update(accountId: string, patch: AccountPatch): Promise<Result<Account>>;
  /** Asks the venue again. `user`: a passing check re-enables an account the app had disabled; `automatic` never does. */
  recheck(accountId: string, trigger: RecheckTrigger): Promise<Result<Account>>;
  /** Re-checks every account (start-up and schedule); failures are recorded on the accounts, never thrown. */
  recheckAll(): Promise<readonly Account[]>;
  rotate(accountId: string, credentials: VenueCredentials): Promise<Result<AccountOutcome>>;
  remove(accountId: string): Promise<Result<DeleteOutcome>>;
  /** Makes the list and the keychain agree again after a crash between two writes. Run once at start, before use. */
  repair(): Promise<RepairReport>;
  /** repair + re-check every account now, then every `recheckIntervalMs`. Call `stop` on quit. */
  start(options?: { readonly recheckIntervalMs?: number }): Promise<StartedAccounts>;
  /** For the exchange adapter only (it signs with them). Never hand the value to a transport, log or file. */
  credentialsFor(accountId: string): Promise<Result<VenueCredentials>>;
}

export interface StartedAccounts {
  readonly repair: RepairReport;
  /** Stops the schedule (on quit). */
  stop(): void;
  /** Resolves when the scheduled re-check in flight, if any, has finished (for shutdown and tests). */
  idle(): Promise<void>;
}

export interface AddAccountInput {
  readonly label: string;
  readonly credentials: VenueCredentials;
  /** Keep the secret in memory until quit instead of the keychain (offered when the keychain is unavailable). */
  readonly sessionOnly: boolean;
}
export interface AccountPatch {
  readonly label?: string | undefined;
  readonly enabled?: boolean | undefined;
}
export type RecheckTrigger = 'user' | 'automatic';
export interface AccountOutcome {
  readonly account: Account;
}
export interface DeleteOutcome {
  readonly accountId: string;
  /** Set when the keychain entry could not be removed now; it is removed on a later start. */
  readonly notice: string | null;
}
export interface RepairReport {
  /** Keychain entries no account referred to, now deleted. */
  readonly orphansDeleted: number;
  /** Accounts disabled because their secret was missing or unreadable. */
  readonly disabledMissingSecret: readonly string[];
  /** Accounts whose stored key hint did not match their secret (a rotate interrupted by a crash), now fixed. */
  readonly hintsFixed: readonly string[];
  /** Why repair could not look at the keychain, or null. */
  readonly keychainProblem: string | null;
}

export interface AccountServiceDeps {
  readonly settingsFile: SettingsFile;
  readonly secretStore: SecretStore;
  readonly permissionChecker: KeyPermissionChecker;
  readonly log?: (message: string) => void;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Accounts added through this service are demo accounts (demo mode, memory store, simulator). */
  readonly demo?: boolean;
}

export const DEFAULT_RECHECK_INTERVAL_MS = 60 * 60 * 1000;
const MISSING_SECRET =
  'The secret for this account is missing from the keychain (it may have been deleted there). Enter the key again with "Replace key", or delete the account.';
const UNREADABLE_SECRET =
  'The secret stored for this account could not be read. Enter the key again with "Replace key", or delete the account.';

export function createAccountService(deps: AccountServiceDeps): AccountService {
  const log = deps.log ?? (() => undefined);
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const sessionSecrets = createMemorySecretStore();
  const sessionAccounts = new Map<string, Account>();
  let lock: Promise<unknown> = Promise.resolve();
  /** Runs keychain+file write phases one at a time, so repair never sees half of an add. */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = lock.then(work);
    lock = run.catch(() => undefined);
    return run;
  };

  const fileAccounts = async () => (await deps.settingsFile.load()).accounts;
  const list = async (): Promise<readonly Account[]> => [...(await fileAccounts()), ...sessionAccounts.values()];
  const find = async (accountId: string): Promise<Account | null> =>
    (await list()).find((account) => account.accountId === accountId) ?? null;
  const storeFor = (account: Pick<Account, 'sessionOnly'>): SecretStore =>
    account.sessionOnly ? sessionSecrets : deps.secretStore;
  const notFound = (accountId: string) =>
    err('not_found', `No account with id ${accountId}: it may have been deleted. Reload the account list.`);

  /** Replaces one account wherever it lives; returns the new value, or null if it no longer exists. */
  async function replace(accountId: string, change: (account: Account) => Account): Promise<Account | null> {
    const session = sessionAccounts.get(accountId);
    if (session !== undefined) {
      const next = change(session);
      sessionAccounts.set(accountId, next);
      return next;
    }
    let written: Account | null = null;
    await deps.settingsFile.update((current) => ({
      ...current,
      accounts: current.accounts.map((account) => {
        if (account.accountId !== accountId) return account;
        written = change(account);
        return written;
      }),
    }));
    return written;
  }

  /** The account's credentials, or why there are none: 'missing' (no entry) or 'unreadable' (not our format). */
  async function readCredentials(account: Account): Promise<Result<VenueCredentials | 'missing' | 'unreadable'>> {
    const stored = await storeFor(account).get(account.accountId);
    if (!stored.ok) return stored;
    if (stored.value === null) return ok('missing');
    return ok(parseStoredCredentials(stored.value, account) ?? 'unreadable');
  }
  const absenceReason = (absence: 'missing' | 'unreadable') =>
    absence === 'missing' ? MISSING_SECRET : UNREADABLE_SECRET;

  async function allowTrade(): Promise<boolean> {
    return (await deps.settingsFile.load()).settings.allowTradeEnabledKeys;
  }

  /** Asks the venue and applies the policy. */
  async function checkKey(
    credentials: VenueCredentials,
  ): Promise<Result<{ report: KeyPermissionReport; judgement: KeyJudgement }>> {
    const checked = await deps.permissionChecker.check(credentials);
    if (!checked.ok) return checked;
    const judgement = judgeKey(credentials.venue, checked.value, { allowTradeEnabledKeys: await allowTrade() });
    return ok({ report: checked.value, judgement });
  }

  const permissionsOf = (report: KeyPermissionReport, at: number): Account['permissions'] => ({
    read: report.read,
    trade: grants(report, 'trading'),
    withdraw: grants(report, 'withdrawals'),
    transfer: grants(report, 'transfers'),
    venueFlags: [...report.venueFlags],
    checkedAt: at,
  });

  /** Refuses a key before saving: the check failing for any reason refuses it (fail closed, security.md §2.5). */
  async function checkBeforeSaving(credentials: VenueCredentials) {
    const checked = await checkKey(credentials);
    if (!checked.ok) {
      // A key the venue refuses outright (invalid, IP-blocked, no read permission): say how to make one that works.
      const howTo = checked.error.code === 'auth' ? ` ${READ_ONLY_KEY_HOWTO[credentials.venue]}` : '';
      return err(
        checked.error.code,
        `Not saved: the key's permissions could not be verified. ${checked.error.message}${howTo}`,
      );
    }
    const { judgement } = checked.value;
    if (judgement.verdict === 'refused') return err(judgement.code ?? 'permission_too_broad', judgement.message);
    return checked;
  }

  async function isDuplicate(credentials: VenueCredentials): Promise<Account | null> {
    const hint = keyHintOf(credentials);
    for (const account of await list()) {
      if (account.venue !== credentials.venue || account.keyHint !== hint) continue;
      const stored = await readCredentials(account);
      if (stored.ok && typeof stored.value !== 'string' && sameKey(stored.value, credentials)) return account;
    }
    return null;
  }

  async function recheckOne(accountId: string, trigger: RecheckTrigger): Promise<Result<Account>> {
    const account = await find(accountId);
    if (account === null) return notFound(accountId);
    const at = now();
    const credentials = await readCredentials(account);
    if (!credentials.ok) {
      const updated = await replace(accountId, (a) => ({
        ...a,
        permissionCheck: { verdict: 'unverified', message: credentials.error.message, at },
      }));
      return updated === null ? notFound(accountId) : ok(updated);
    }
    if (typeof credentials.value === 'string') {
      const reason = absenceReason(credentials.value);
      const updated = await replace(accountId, (a) => disable(a, reason, at));
      return updated === null ? notFound(accountId) : ok(updated);
    }
    const keyHint = keyHintOf(credentials.value);
    const checked = await checkKey(credentials.value);
    let change: (a: Account) => Account;
    if (!checked.ok) {
      const message = `Permissions not re-verified: ${checked.error.message}`;
      change =
        checked.error.code === 'auth'
          ? (a) => disable({ ...a, keyHint }, message, at)
          : (a) => ({ ...a, keyHint, permissionCheck: { verdict: 'unverified', message, at } });
    } else {
      const { report, judgement } = checked.value;
      const check: PermissionCheck = { verdict: judgement.verdict, message: judgement.message, at };
      const permissions = permissionsOf(report, at);
      if (judgement.verdict === 'refused') {
        change = (a) => ({ ...disable(a, judgement.message, at), keyHint, permissions });
      } else {
        change = (a) => {
          const reenable = trigger === 'user' && !a.enabled && a.disabledReason !== null;
          return {
            ...a,
            keyHint,
            permissions,
            permissionCheck: check,
            ...(reenable ? { enabled: true, disabledReason: null } : {}),
          };
        };
      }
    }
    const updated = await replace(accountId, change);
    if (updated === null) return notFound(accountId);
    if (account.enabled && !updated.enabled) {
      log(`accounts: ${accountId} (${VENUE_LABELS[updated.venue]} ${updated.keyHint}) disabled by re-check`);
    }
    return ok(updated);
  }

  async function repair(): Promise<RepairReport> {
    return exclusive(async () => {
      const accounts = await fileAccounts();
      const known = new Set(accounts.map((account) => account.accountId));
      const stored = await deps.secretStore.list();
      if (!stored.ok) {
        log(`accounts: repair skipped, keychain unavailable`);
        return { orphansDeleted: 0, disabledMissingSecret: [], hintsFixed: [], keychainProblem: stored.error.message };
      }
      let orphansDeleted = 0;
      for (const id of stored.value.filter((entry) => !known.has(entry))) {
        const deleted = await deps.secretStore.delete(id);
        if (deleted.ok && deleted.value) orphansDeleted += 1;
      }
      const disabledMissingSecret: string[] = [];
      const hintsFixed: string[] = [];
      for (const account of accounts) {
        const credentials = await readCredentials(account);
        if (!credentials.ok) continue;
        if (typeof credentials.value === 'string') {
          const reason = absenceReason(credentials.value);
          if (account.disabledReason !== reason) {
            await replace(account.accountId, (a) => disable(a, reason, now()));
            disabledMissingSecret.push(account.accountId);
          }
          continue;
        }
        const keyHint = keyHintOf(credentials.value);
        if (keyHint !== account.keyHint) {
          await replace(account.accountId, (a) => ({ ...a, keyHint }));
          hintsFixed.push(account.accountId);
        }
      }
      const report = { orphansDeleted, disabledMissingSecret, hintsFixed, keychainProblem: null };
      log(
        `accounts: repair deleted ${orphansDeleted} orphan keychain entries, disabled ${disabledMissingSecret.length}, fixed ${hintsFixed.length} key hints`,
      );
      return report;
    });
  }

  async function recheckAll(): Promise<readonly Account[]> {
    const results: Account[] = [];
    for (const account of await list()) {
      const rechecked = await recheckOne(account.accountId, 'automatic');
      if (rechecked.ok) results.push(rechecked.value);
    }
    return results;
  }

  return {
    list,
    keychainStatus: () => deps.secretStore.status(),
    repair,
    recheckAll,

    async add(input) {
      const parsed = VenueCredentialsSchema.safeParse(input.credentials);
      if (!parsed.success) return err('invalid_input', parsed.error.issues[0]?.message ?? 'invalid credentials');
      const credentials = parsed.data;
      const label = input.label.trim();
      if (label.length === 0 || label.length > 60) return err('invalid_input', 'The label must be 1 to 60 characters.');
      if (!input.sessionOnly) {
        const status = await deps.secretStore.status();
        if (!status.available) return err('keychain_unavailable', status.message ?? 'No keychain is available.');
      }
      const duplicate = await isDuplicate(credentials);
      if (duplicate !== null) {
        return err('invalid_input', `This key is already added as "${duplicate.label}".`);
      }
      const checked = await checkBeforeSaving(credentials);
      if (!checked.ok) {
        log(
          `accounts: ${VENUE_LABELS[credentials.venue]} key ${keyHintOf(credentials)} refused (${checked.error.code})`,
        );
        return checked;
      }
      const { report, judgement } = checked.value;
      const at = now();
      const account: Account = {
        accountId: newId(),
        venue: credentials.venue,
        label,
        keyHint: keyHintOf(credentials),
        permissions: permissionsOf(report, at),
        enabled: true,
        disabledReason: null,
        sessionOnly: input.sessionOnly,
        demo: deps.demo ?? false,
        addedAt: at,
        permissionCheck: { verdict: judgement.verdict, message: judgement.message, at },
      };
      return exclusive(async () => {
        const store = storeFor(account);
        const saved = await store.set(account.accountId, serializeCredentials(credentials));
        if (!saved.ok) return saved;
        if (account.sessionOnly) {
          sessionAccounts.set(account.accountId, account);
        } else {
          try {
            await deps.settingsFile.update((current) => ({ ...current, accounts: [...current.accounts, account] }));
          } catch (error) {
            await store.delete(account.accountId);
            return err('internal', `The account could not be saved to the settings file: ${describe(error)}`);
          }
        }
        log(
          `accounts: added ${account.accountId} (${VENUE_LABELS[account.venue]} ${account.keyHint}, ${judgement.verdict}${account.sessionOnly ? ', session-only' : ''})`,
        );
        return ok({ account });
      });
    },

    async update(accountId, patch) {
      const account = await find(accountId);
      if (account === null) return notFound(accountId);
      const label = patch.label?.trim();
      if (label !== undefined && (label.length === 0 || label.length > 60)) {
        return err('invalid_input', 'The label must be 1 to 60 characters.');
      }
      if (patch.enabled === true && !account.enabled) {
        // Enabling asks the venue first: a key that gained rights must not come back on unverified.
        const rechecked = await recheckOne(accountId, 'user');
        if (!rechecked.ok) return rechecked;
        if (!rechecked.value.enabled || rechecked.value.permissionCheck?.verdict === 'unverified') {
          const check = rechecked.value.permissionCheck;
          return err(
            check?.verdict === 'refused' ? 'permission_too_broad' : 'network',
            `Not enabled: ${rechecked.value.disabledReason ?? check?.message ?? 'the key could not be verified'}`,
          );
        }
        const enabled = await replace(accountId, (a) => ({
          ...a,
          ...(label === undefined ? {} : { label }),
          enabled: true,
          disabledReason: null,
        }));
        return enabled === null ? notFound(accountId) : ok(enabled);
      }
      const updated = await replace(accountId, (a) => ({
        ...a,
        ...(label === undefined ? {} : { label }),
        ...(patch.enabled === false ? { enabled: false } : {}),
      }));
      return updated === null ? notFound(accountId) : ok(updated);
    },

    recheck: recheckOne,

    async rotate(accountId, input) {
      const account = await find(accountId);
      if (account === null) return notFound(accountId);
      const parsed = VenueCredentialsSchema.safeParse(input);
      if (!parsed.success) return err('invalid_input', parsed.error.issues[0]?.message ?? 'invalid credentials');
      const credentials = parsed.data;
      if (credentials.venue !== account.venue) {
        return err(
          'invalid_input',
          `This account is on ${VENUE_LABELS[account.venue]}; a ${VENUE_LABELS[credentials.venue]} key cannot replace its key. Add a new account instead.`,
        );
      }
      if (!account.sessionOnly) {
        const status = await deps.secretStore.status();
        if (!status.available) return err('keychain_unavailable', status.message ?? 'No keychain is available.');
      }
      const checked = await checkBeforeSaving(credentials);
      if (!checked.ok) return checked;
      const { report, judgement } = checked.value;
      const at = now();
      return exclusive(async () => {
        const saved = await storeFor(account).set(accountId, serializeCredentials(credentials));
        if (!saved.ok) return saved;
        const updated = await replace(accountId, (a) => ({
          ...a,
          keyHint: keyHintOf(credentials),
          permissions: permissionsOf(report, at),
          permissionCheck: { verdict: judgement.verdict, message: judgement.message, at },
          enabled: true,
          disabledReason: null,
        }));
        if (updated === null) return notFound(accountId);
        log(`accounts: replaced the key of ${accountId} (${VENUE_LABELS[updated.venue]} now ${updated.keyHint})`);
        return ok({ account: updated });
      });
    },

    async remove(accountId) {
      return exclusive(async () => {
        const account = await find(accountId);
        if (account === null) return notFound(accountId);
        if (account.sessionOnly) {
          sessionAccounts.delete(accountId);
        } else {
          await deps.settingsFile.update((current) => ({
            ...current,
            accounts: current.accounts.filter((a) => a.accountId !== accountId),
          }));
        }
        const deleted = await storeFor(account).delete(accountId);
        log(`accounts: deleted ${accountId} (${VENUE_LABELS[account.venue]} ${account.keyHint})`);
        if (!deleted.ok) {
          return ok({
            accountId,
            notice: `The account was removed, but its secret could not be deleted from the keychain yet (${deleted.error.message}). It will be deleted the next time Liquidation Guard starts with the keychain available.`,
          });
        }
        return ok({ accountId, notice: null });
      });
    },

    async start(options = {}) {
      const report = await repair();
      await recheckAll();
      let inFlight: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        inFlight = inFlight.then(recheckAll).catch((error: unknown) => {
          log(`accounts: scheduled re-check failed: ${describe(error)}`);
        });
      }, options.recheckIntervalMs ?? DEFAULT_RECHECK_INTERVAL_MS);
      timer.unref();
      return {
        repair: report,
        stop: () => {
          clearInterval(timer);
        },
        idle: async () => {
          await inFlight;
        },
      };
    },

    async credentialsFor(accountId) {
      const account = await find(accountId);
      if (account === null) return notFound(accountId);
      const credentials = await readCredentials(account);
      if (!credentials.ok) return credentials;
      if (typeof credentials.value === 'string') return err('auth', absenceReason(credentials.value));
      return ok(credentials.value);
    },
  };
}

function disable(account: Account, reason: string, at: number): Account {
  return {
    ...account,
    enabled: false,
    disabledReason: reason,
    permissionCheck: { verdict: 'refused', message: reason, at },
  };
}

function sameKey(a: VenueCredentials, b: VenueCredentials): boolean {
  const id = (c: VenueCredentials) => (c.venue === 'hyperliquid' ? c.walletAddress.toLowerCase() : c.apiKey);
  return a.venue === b.venue && id(a) === id(b);
}

/** The keychain value: the credentials as JSON (the keychain encrypts it; nothing else ever sees it). */
function serializeCredentials(credentials: VenueCredentials): string {
  return JSON.stringify(credentials);
}

function parseStoredCredentials(text: string, account: Account): VenueCredentials | null {
  try {
    const parsed = VenueCredentialsSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.venue === account.venue ? parsed.data : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
