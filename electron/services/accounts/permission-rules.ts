import type { PermissionVerdict } from '../../../shared/domain/account';
import { READ_ONLY_KEY_HOWTO } from '../../../shared/domain/credentials';
import { VENUE_LABELS, type Venue } from '../../../shared/domain/venue';
import type { ErrorCode } from '../../../shared/result';

/**
 * What a venue's key-introspection endpoint says a key may do (security.md §2), before any policy is applied.
 * Interpretation is fail-closed: a flag we do not recognise is listed in `unrecognised` and refuses the key.
 */
export interface KeyPermissionReport {
  readonly read: boolean;
  /** Every permission that is on, in the venue's own words (e.g. `enableFutures`, `Wallet.Withdraw`, `trade`). */
  readonly venueFlags: readonly string[];
  /** The flags that grant each capability, in the venue's words; an empty list means the key lacks it. */
  readonly grants: Readonly<Record<Capability, readonly string[]>>;
  /** Permissions that are on and that this app does not know: the key is refused. */
  readonly unrecognised: readonly string[];
  /** When `read` is false: why, as the venue put it. */
  readonly cannotReadReason: string | null;
  /** Advice that does not block the key, e.g. Bybit keys without a bound IP expire. */
  readonly notes: readonly string[];
}

/**
 * What a key may do beyond reading. (Named as nouns: `.withdraw`/`.transfer` member access is lint-banned in
 * services, which keeps any ccxt write call out; see eslint.config.js.)
 */
export type Capability = 'trading' | 'withdrawals' | 'transfers';
type Because = Record<Capability, string[]>;
const none = (): Because => ({ trading: [], withdrawals: [], transfers: [] });

/** True when the report grants `capability`. */
export const grants = (report: KeyPermissionReport, capability: Capability): boolean =>
  report.grants[capability].length > 0;

function report(parts: {
  read: boolean;
  because: Because;
  unrecognised: string[];
  venueFlags: string[];
  cannotReadReason: string | null;
  notes?: string[];
}): KeyPermissionReport {
  return {
    read: parts.read,
    venueFlags: parts.venueFlags,
    grants: parts.because,
    unrecognised: parts.unrecognised,
    cannotReadReason: parts.read ? null : parts.cannotReadReason,
    notes: parts.notes ?? [],
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON scalar as text; anything else as its JSON. */
export const scalar = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : value === undefined
      ? 'undefined'
      : JSON.stringify(value);

/** An endpoint answered with something we cannot read: fail closed, naming what was missing. */
export class UnreadablePermissionsError extends Error {}

// ── Binance: GET /sapi/v1/account/apiRestrictions (security.md §2.1) ──────────────────────────────────────────────

/** Fields that may hold any value: they grant nothing. */
const BINANCE_NEUTRAL = new Set([
  'ipRestrict',
  'createTime',
  'enableReading',
  'enableFixReadOnly',
  'tradingAuthorityExpirationTime',
]);
const BINANCE_FLAGS: Readonly<Record<string, Capability>> = {
  enableSpotAndMarginTrading: 'trading',
  enableFutures: 'trading',
  enableVanillaOptions: 'trading',
  enableFixApiTrade: 'trading',
  enablePortfolioMarginTrading: 'trading',
  enableWithdrawals: 'withdrawals',
  enableInternalTransfer: 'transfers',
  permitsUniversalTransfer: 'transfers',
  // Binance's UI calls it "Enable Margin Loan, Repay & Transfer": it moves funds, so it counts as a transfer right.
  enableMargin: 'transfers',
};

export function interpretBinance(raw: unknown): KeyPermissionReport {
  if (!isRecord(raw) || !('enableReading' in raw)) {
    throw new UnreadablePermissionsError('Binance apiRestrictions answered without enableReading');
  }
  const because = none();
  const unrecognised: string[] = [];
  const venueFlags: string[] = [];
  for (const [field, value] of Object.entries(raw)) {
    if (value !== true || field === 'ipRestrict') continue;
    venueFlags.push(field);
    if (BINANCE_NEUTRAL.has(field)) continue;
    const capability = BINANCE_FLAGS[field];
    if (capability === undefined) unrecognised.push(field);
    else because[capability].push(field);
  }
  const read = raw['enableReading'] === true;
  return report({
    read,
    because,
    unrecognised,
    venueFlags,
    cannotReadReason: 'Binance reports enableReading = false for this key',
    notes: raw['ipRestrict'] === true ? [] : ['The key is not restricted to trusted IPs.'],
  });
}

// ── Bybit: GET /v5/user/query-api (security.md §2.2) ─────────────────────────────────────────────────────────────

const BYBIT_WALLET: Readonly<Record<string, Capability>> = {
  Withdraw: 'withdrawals',
  AccountTransfer: 'transfers',
  SubMemberTransfer: 'transfers',
  SubMemberTransferList: 'transfers',
};
/** Permission groups whose scopes let a key read derivatives positions. */
const BYBIT_POSITION_GROUPS = ['ContractTrade', 'Derivatives'];

/**
 * security.md §2.2's rule: retCode 0 (the key could call query-api, so it reads) and readOnly 1, and no Wallet
 * withdraw/transfer scope. Scope names alone never refuse a key: Bybit lists scopes on read-only keys too, and a key
 * that truly cannot read positions is refused by the venue itself (10005), reported with Bybit's reason. A key with
 * no Contract or Unified Trading scope is accepted with a note, since its position reads may be refused.
 */
export function interpretBybit(raw: unknown): KeyPermissionReport {
  if (!isRecord(raw)) throw new UnreadablePermissionsError('Bybit query-api answered with no object');
  if (raw['retCode'] !== undefined && raw['retCode'] !== 0 && raw['retCode'] !== '0') {
    const reason = typeof raw['retMsg'] === 'string' && raw['retMsg'] !== '' ? raw['retMsg'] : 'no reason given';
    return report({
      read: false,
      because: none(),
      unrecognised: [],
      venueFlags: [],
      cannotReadReason: `Bybit answered retCode ${scalar(raw['retCode'])}: ${reason}`,
    });
  }
  const result = raw['result'];
  if (!isRecord(result) || !isRecord(result['permissions'])) {
    throw new UnreadablePermissionsError('Bybit query-api answered without result.permissions');
  }
  const because = none();
  const unrecognised: string[] = [];
  const venueFlags: string[] = [];
  const readOnly = Number(result['readOnly']);
  if (readOnly === 0) {
    venueFlags.push('readOnly=0 (Read and Write)');
    because.trading.push('readOnly=0 (Read and Write)');
  } else if (readOnly === 1) {
    venueFlags.push('readOnly=1 (Read only)');
  } else {
    unrecognised.push(`readOnly=${scalar(result['readOnly'])}`);
  }
  let readsPositions = false;
  for (const [group, scopes] of Object.entries(result['permissions'])) {
    if (!Array.isArray(scopes)) continue;
    for (const scope of scopes) {
      const flag = `${group}.${scalar(scope)}`;
      venueFlags.push(flag);
      if (BYBIT_POSITION_GROUPS.includes(group)) readsPositions = true;
      if (group !== 'Wallet') continue;
      const capability = BYBIT_WALLET[scalar(scope)];
      if (capability === undefined) unrecognised.push(flag);
      else because[capability].push(flag);
    }
  }
  const ips = result['ips'];
  const unbound = !Array.isArray(ips) || ips.length === 0 || (ips.length === 1 && ips[0] === '*');
  const notes = [
    ...(readsPositions
      ? []
      : [
          'Bybit lists no Contracts (Orders, Positions) or Unified Trading permission for this key, so Bybit may refuse to show its positions.',
        ]),
    ...(unbound ? ['Bybit expires keys that are not bound to an IP address (see expiredAt on Bybit).'] : []),
  ];
  return report({ read: true, because, unrecognised, venueFlags, cannotReadReason: null, notes });
}

// ── OKX: GET /api/v5/account/config (security.md §2.3) ───────────────────────────────────────────────────────────

const OKX_PERMS: Readonly<Record<string, Capability | 'read'>> = {
  read_only: 'read',
  trade: 'trading',
  withdraw: 'withdrawals',
};

export function interpretOkx(raw: unknown): KeyPermissionReport {
  if (!isRecord(raw)) throw new UnreadablePermissionsError('OKX account/config answered with no object');
  if (raw['code'] !== undefined && scalar(raw['code']) !== '0') {
    const reason = typeof raw['msg'] === 'string' && raw['msg'] !== '' ? raw['msg'] : 'no reason given';
    return report({
      read: false,
      because: none(),
      unrecognised: [],
      venueFlags: [],
      cannotReadReason: `OKX answered code ${scalar(raw['code'])}: ${reason}`,
    });
  }
  const data = raw['data'];
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  if (!isRecord(first) || typeof first['perm'] !== 'string') {
    throw new UnreadablePermissionsError('OKX account/config answered without data[0].perm');
  }
  const because = none();
  const unrecognised: string[] = [];
  const venueFlags = first['perm']
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  for (const flag of venueFlags) {
    const capability = OKX_PERMS[flag];
    if (capability === undefined) unrecognised.push(flag);
    else if (capability !== 'read') because[capability].push(flag);
  }
  return report({
    read: venueFlags.includes('read_only'),
    because,
    unrecognised,
    venueFlags,
    cannotReadReason: `OKX reports perm "${first['perm']}" for this key, without read_only`,
    notes: first['ip'] === '' ? ['The key is not bound to an IP address.'] : [],
  });
}

// ── Policy ───────────────────────────────────────────────────────────────────────────────────────────────────────

export interface KeyJudgement {
  readonly verdict: Exclude<PermissionVerdict, 'unverified'>;
  /** For a refusal: the contract error code. */
  readonly code: Extract<ErrorCode, 'permission_too_broad' | 'auth'> | null;
  /** The outcome in words: the exact permissions, and for a refusal, how to create a read-only key on that venue. */
  readonly message: string;
}

export interface KeyPolicy {
  /** Settings `allowTradeEnabledKeys`: trade rights accepted with a warning. Withdraw and transfer never are. */
  readonly allowTradeEnabledKeys: boolean;
}

const list = (flags: readonly string[]) => flags.join(', ');

/**
 * Applies the app's policy to a report (security.md §0.3, §2.5): withdraw, transfer and unrecognised permissions are
 * always refused; trade is refused unless the trader allows trade-enabled keys; a key that cannot read is refused with
 * the venue's reason. Every refusal names the exact permissions and how to create a read-only key on that venue.
 */
export function judgeKey(venue: Venue, permissions: KeyPermissionReport, policy: KeyPolicy): KeyJudgement {
  const name = VENUE_LABELS[venue];
  const howTo = READ_ONLY_KEY_HOWTO[venue];
  const always: string[] = [];
  const { trading, withdrawals, transfers } = permissions.grants;
  if (withdrawals.length > 0) always.push(`withdraw funds (${list(withdrawals)})`);
  if (transfers.length > 0) always.push(`transfer funds (${list(transfers)})`);
  if (permissions.unrecognised.length > 0) {
    always.push(`use permissions Liquidation Guard does not recognise (${list(permissions.unrecognised)})`);
  }
  const trade = trading.length > 0 ? `trade (${list(trading)})` : null;
  if (always.length > 0) {
    const all = trade === null ? always : [trade, ...always];
    return {
      verdict: 'refused',
      code: 'permission_too_broad',
      message: `Refused: this ${name} key can ${all.join(' and ')}. Liquidation Guard never accepts a key that can withdraw or transfer, or whose permissions it cannot account for, whatever the settings. ${howTo}`,
    };
  }
  if (!permissions.read) {
    return {
      verdict: 'refused',
      code: 'auth',
      message: `Refused: this ${name} key cannot read account data (${permissions.cannotReadReason ?? 'no read permission'}). ${howTo}`,
    };
  }
  if (trade !== null && !policy.allowTradeEnabledKeys) {
    return {
      verdict: 'refused',
      code: 'permission_too_broad',
      message: `Refused: this ${name} key can ${trade}. Liquidation Guard only reads, so it refuses keys that can trade unless "Allow trade-enabled keys" is on in Settings. ${howTo}`,
    };
  }
  const notes = permissions.notes.length > 0 ? ` Note: ${permissions.notes.join(' ')}` : '';
  if (trade !== null) {
    return {
      verdict: 'trade_allowed',
      code: null,
      message: `Accepted with a warning: this ${name} key can ${trade}. It is accepted only because "Allow trade-enabled keys" is on; Liquidation Guard never places an order, but anyone who obtains this key could. A read-only key is safer.${notes}`,
    };
  }
  return {
    verdict: 'read_only',
    code: null,
    message: `Read-only: ${name} reports that this key can read and cannot trade, withdraw or transfer (${list(permissions.venueFlags)}).${notes}`,
  };
}
