import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { READ_ONLY_KEY_HOWTO } from '../../../shared/domain/credentials';
import { interpretBinance, interpretBybit, interpretOkx, judgeKey, type KeyPermissionReport } from './permission-rules';

const allow = { allowTradeEnabledKeys: true };
const deny = { allowTradeEnabledKeys: false };

/** Binance apiRestrictions with every flag the docs list (security.md §2.1), all off except reading. */
const binanceReadOnly = {
  ipRestrict: false,
  createTime: 1_698_645_219_000,
  enableReading: true,
  enableWithdrawals: false,
  enableInternalTransfer: false,
  enableMargin: false,
  enableFutures: false,
  permitsUniversalTransfer: false,
  enableVanillaOptions: false,
  enableFixApiTrade: false,
  enableFixReadOnly: true,
  enableSpotAndMarginTrading: false,
  enablePortfolioMarginTrading: false,
};

/** Bybit v5 query-api envelope (security.md §2.2): readOnly 1 = read only; UTA keys list DerivativesTrade. */
const bybit = (readOnly: number, permissions: Record<string, string[]>, ips: string[] = ['1.2.3.4']) => ({
  retCode: 0,
  retMsg: '',
  result: { id: '1', note: 'lg', apiKey: 'xxxx', readOnly, secret: '', permissions, ips, type: 1 },
  retExtInfo: {},
  time: 1,
});
const bybitReadScopes = {
  ContractTrade: ['Order', 'Position'],
  Spot: [],
  Wallet: [],
  Options: [],
  Derivatives: ['DerivativesTrade'],
  Exchange: [],
  NFT: [],
};

/** OKX account/config (security.md §2.3): data[0].perm, comma-separated. */
const okx = (perm: string) => ({ code: '0', msg: '', data: [{ uid: '1', perm, ip: '1.2.3.4', label: 'lg' }] });

describe('interpret + judge, per venue', () => {
  // Each row: venue answer → verdict, error code, and words the message must contain (the exact venue flags).
  const rows: readonly {
    name: string;
    report: () => KeyPermissionReport;
    venue: 'binance' | 'bybit' | 'okx';
    policy: { allowTradeEnabledKeys: boolean };
    verdict: string;
    code: string | null;
    mentions: readonly string[];
  }[] = [
    {
      name: 'Binance read-only',
      venue: 'binance',
      report: () => interpretBinance(binanceReadOnly),
      policy: deny,
      verdict: 'read_only',
      code: null,
      mentions: ['Read-only', 'enableReading'],
    },
    {
      name: 'Binance futures trading, trade keys not allowed',
      venue: 'binance',
      report: () => interpretBinance({ ...binanceReadOnly, enableFutures: true }),
      policy: deny,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['can trade (enableFutures)', 'Allow trade-enabled keys', READ_ONLY_KEY_HOWTO.binance],
    },
    {
      name: 'Binance futures trading, trade keys allowed',
      venue: 'binance',
      report: () => interpretBinance({ ...binanceReadOnly, enableFutures: true, enableSpotAndMarginTrading: true }),
      policy: allow,
      verdict: 'trade_allowed',
      code: null,
      mentions: ['enableFutures', 'enableSpotAndMarginTrading', 'Accepted with a warning'],
    },
    {
      name: 'Binance withdrawals, even with trade keys allowed',
      venue: 'binance',
      report: () => interpretBinance({ ...binanceReadOnly, ipRestrict: true, enableWithdrawals: true }),
      policy: allow,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['withdraw funds (enableWithdrawals)', 'whatever the settings', READ_ONLY_KEY_HOWTO.binance],
    },
    {
      name: 'Binance universal transfer + margin (loan, repay & transfer)',
      venue: 'binance',
      report: () => interpretBinance({ ...binanceReadOnly, permitsUniversalTransfer: true, enableMargin: true }),
      policy: allow,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['transfer funds (', 'permitsUniversalTransfer', 'enableMargin'],
    },
    {
      name: 'Binance flag added later that we do not know (fail closed)',
      venue: 'binance',
      report: () => interpretBinance({ ...binanceReadOnly, enableCopyTrading: true }),
      policy: allow,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['does not recognise (enableCopyTrading)'],
    },
    {
      name: 'Binance reading off',
      venue: 'binance',
      report: () => interpretBinance({ ...binanceReadOnly, enableReading: false }),
      policy: deny,
      verdict: 'refused',
      code: 'auth',
      mentions: ['cannot read', 'enableReading = false', READ_ONLY_KEY_HOWTO.binance],
    },
    {
      name: 'Bybit read-only (UTA default DerivativesTrade scope is not trading)',
      venue: 'bybit',
      report: () => interpretBybit(bybit(1, bybitReadScopes)),
      policy: deny,
      verdict: 'read_only',
      code: null,
      mentions: ['readOnly=1 (Read only)', 'ContractTrade.Position'],
    },
    {
      name: 'Bybit read-write',
      venue: 'bybit',
      report: () => interpretBybit(bybit(0, bybitReadScopes)),
      policy: deny,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['can trade (readOnly=0 (Read and Write))', READ_ONLY_KEY_HOWTO.bybit],
    },
    {
      name: 'Bybit read-only key that can withdraw (scopes listed even on read-only keys)',
      venue: 'bybit',
      report: () => interpretBybit(bybit(1, { ...bybitReadScopes, Wallet: ['Withdraw'] })),
      policy: allow,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['withdraw funds (Wallet.Withdraw)'],
    },
    {
      name: 'Bybit account transfer',
      venue: 'bybit',
      report: () => interpretBybit(bybit(1, { ...bybitReadScopes, Wallet: ['AccountTransfer', 'SubMemberTransfer'] })),
      policy: allow,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['transfer funds (Wallet.AccountTransfer, Wallet.SubMemberTransfer)'],
    },
    {
      name: 'Bybit read-only without position scopes: accepted with a note (security.md §2.2: never refuse on scope names)',
      venue: 'bybit',
      report: () => interpretBybit(bybit(1, { Spot: [], Wallet: [] })),
      policy: deny,
      verdict: 'read_only',
      code: null,
      mentions: ['readOnly=1 (Read only)', 'Bybit may refuse to show its positions'],
    },
    {
      name: 'Bybit retCode error',
      venue: 'bybit',
      report: () =>
        interpretBybit({ retCode: 10005, retMsg: 'Permission denied, please check your API key permissions.' }),
      policy: deny,
      verdict: 'refused',
      code: 'auth',
      mentions: ['retCode 10005: Permission denied, please check your API key permissions.'],
    },
    {
      name: 'OKX read_only',
      venue: 'okx',
      report: () => interpretOkx(okx('read_only')),
      policy: deny,
      verdict: 'read_only',
      code: null,
      mentions: ['read_only'],
    },
    {
      name: 'OKX read_only,trade with trade keys allowed',
      venue: 'okx',
      report: () => interpretOkx(okx('read_only,trade')),
      policy: allow,
      verdict: 'trade_allowed',
      code: null,
      mentions: ['can trade (trade)'],
    },
    {
      name: 'OKX trade without read_only, trade keys allowed: still cannot read',
      venue: 'okx',
      report: () => interpretOkx(okx('trade')),
      policy: allow,
      verdict: 'refused',
      code: 'auth',
      mentions: ['cannot read', 'perm "trade"'],
    },
    {
      name: 'OKX unknown permission token',
      venue: 'okx',
      report: () => interpretOkx(okx('read_only, earn')),
      policy: allow,
      verdict: 'refused',
      code: 'permission_too_broad',
      mentions: ['does not recognise (earn)'],
    },
  ];

  it.each(rows)('$name → $verdict', ({ venue, report, policy, verdict, code, mentions }) => {
    const judgement = judgeKey(venue, report(), policy);
    expect(judgement.verdict).toBe(verdict);
    expect(judgement.code).toBe(code);
    for (const words of mentions) expect(judgement.message).toContain(words);
  });
});

describe('unreadable answers fail closed', () => {
  it.each([
    ['Binance without enableReading', () => interpretBinance({ ipRestrict: false })],
    ['Binance not an object', () => interpretBinance([])],
    ['Bybit without result.permissions', () => interpretBybit({ retCode: 0, result: { readOnly: 1 } })],
    ['OKX without data', () => interpretOkx({ code: '0', data: [] })],
  ])('%s throws', (_name, interpret) => {
    expect(interpret).toThrow();
  });
});

describe('recorded OKX account/config (ccxt fixture)', () => {
  const fixture = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../../shared/fixtures/ccxt/okx.json',
  );
  it.skipIf(!existsSync(fixture))(
    `a real key with perm "read_only,withdraw,trade" is refused${existsSync(fixture) ? '' : ' (skipped: ../shared/fixtures/ccxt not found)'}`,
    () => {
      // Source: ../shared/fixtures/ccxt/okx.json methods.fetchAccounts[0].httpResponse (security.md §2.3 names it).
      const recorded = (
        JSON.parse(readFileSync(fixture, 'utf8')) as { methods: { fetchAccounts: { httpResponse: unknown }[] } }
      ).methods.fetchAccounts[0]!.httpResponse;
      const judgement = judgeKey('okx', interpretOkx(recorded), allow);
      expect(judgement).toMatchObject({ verdict: 'refused', code: 'permission_too_broad' });
      expect(judgement.message).toContain('can trade (trade) and withdraw funds (withdraw)');
    },
  );
});

describe('properties', () => {
  const binanceFlags = Object.keys(binanceReadOnly).filter((k) => !['createTime', 'enableReading'].includes(k));
  it('a Binance key is read_only exactly when reading is on and every capability flag is off', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...binanceFlags), fc.boolean()), fc.boolean(), (flags, allowTrade) => {
        const raw = { ...binanceReadOnly, ...flags };
        const judgement = judgeKey('binance', interpretBinance(raw), { allowTradeEnabledKeys: allowTrade });
        const capabilityOn = Object.entries(raw).some(
          ([k, v]) => v === true && !['ipRestrict', 'enableReading', 'enableFixReadOnly'].includes(k),
        );
        expect(judgement.verdict === 'read_only').toBe(!capabilityOn);
      }),
    );
  });

  it('withdraw or transfer is refused whatever the trade setting, on every venue', () => {
    const risky = fc.oneof(
      fc.constant(interpretBinance({ ...binanceReadOnly, enableWithdrawals: true })),
      fc.constant(interpretBinance({ ...binanceReadOnly, enableInternalTransfer: true })),
      fc.constant(interpretBybit(bybit(1, { ...bybitReadScopes, Wallet: ['Withdraw'] }))),
      fc.constant(interpretOkx(okx('read_only,withdraw'))),
    );
    fc.assert(
      fc.property(risky, fc.boolean(), (report, allowTrade) => {
        expect(judgeKey('binance', report, { allowTradeEnabledKeys: allowTrade }).verdict).toBe('refused');
      }),
    );
  });
});
