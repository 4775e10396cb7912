import { describe, expect, it } from 'vitest';
import { checkAccountForm, credentialFieldError, labelError } from './account-form';

describe('add-account form', () => {
  it.each([
    ['binance', 'apiKey', 'abc', 'The API Key is too short: paste the whole value.'],
    ['binance', 'secret', 'has space inside', 'The Secret Key contains spaces: paste only the Secret Key.'],
    ['okx', 'passphrase', '', 'The Passphrase you set when creating the key is required.'],
    ['hyperliquid', 'walletAddress', '0x123', 'A wallet address is 0x followed by 40 hex characters.'],
    ['binance', 'apiKey', 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A', null],
  ] as const)('%s %s %j → %s', (venue, field, value, message) => {
    expect(credentialFieldError(venue, field, value)).toBe(message);
  });

  it('refuses a private key where a wallet address belongs, and says why (security.md §2.4)', () => {
    const privateKey = `0x${'ab'.repeat(32)}`;
    expect(credentialFieldError('hyperliquid', 'walletAddress', privateKey)).toMatch(
      /^This is 64 hex characters, which is a private key/,
    );
  });

  it('asks for a label', () => {
    expect(labelError('   ')).toBe('Give the account a name, e.g. “Binance main”.');
    expect(labelError('x'.repeat(61))).toBe('A label is at most 60 characters.');
  });

  it('builds the venue credentials only when every field is valid', () => {
    const values = { apiKey: 'okx-key-1234', secret: 'okx-secret-5678', passphrase: 'pass phrase' };
    expect(checkAccountForm('okx', 'OKX main', values)).toEqual({
      errors: {},
      credentials: { venue: 'okx', ...values },
    });
    const missing = checkAccountForm('okx', '', { apiKey: 'okx-key-1234' });
    expect(Object.keys(missing.errors).sort()).toEqual(['label', 'passphrase', 'secret']);
    expect(missing.credentials).toBeNull();
  });

  it('trims pasted whitespace around keys', () => {
    const result = checkAccountForm('bybit', 'Bybit', { apiKey: '  bybitkey1 ', secret: '\tbybitsecret2\n' });
    expect(result.credentials).toEqual({ venue: 'bybit', apiKey: 'bybitkey1', secret: 'bybitsecret2' });
  });
});
