import { z } from 'zod';
import type { Venue } from './venue';

/**
 * What a trader types to add an account, per venue (security.md §2). These values flow INTO the services only: no
 * contract result, log line or file ever carries them back, at most `keyHintOf` (… + last four characters).
 */

/** 64 hex characters, with or without 0x: an Ethereum private key. Never accepted (security.md §2.4). */
export const PRIVATE_KEY_PATTERN = /^(0x)?[0-9a-fA-F]{64}$/u;
/** A public wallet address: 0x + 40 hex characters (security.md §2.4). */
export const WALLET_ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/u;

const keyPart = (term: string) =>
  z
    .string()
    .trim()
    .min(4, `the ${term} is too short: paste the whole value`)
    .max(256, `the ${term} is too long: paste only the ${term}`)
    .regex(/^\S+$/u, `the ${term} contains spaces: paste only the ${term}`);

export const BinanceCredentialsSchema = z
  .object({ venue: z.literal('binance'), apiKey: keyPart('API Key'), secret: keyPart('Secret Key') })
  .strict();
export const BybitCredentialsSchema = z
  .object({ venue: z.literal('bybit'), apiKey: keyPart('API Key'), secret: keyPart('API Secret') })
  .strict();
export const OkxCredentialsSchema = z
  .object({
    venue: z.literal('okx'),
    apiKey: keyPart('API key'),
    secret: keyPart('Secret key'),
    passphrase: z.string().min(1, 'the Passphrase you set when creating the key is required').max(128),
  })
  .strict();

/** Why a value is refused as a Hyperliquid wallet address, or null when it is a valid address. */
export function walletAddressProblem(value: string): string | null {
  if (PRIVATE_KEY_PATTERN.test(value)) {
    return 'this is 64 hex characters, which is a private key, not a wallet address. Liquidation Guard never needs a private key and never accepts one; do not paste it anywhere. Enter your public wallet address instead: 0x followed by 40 hex characters';
  }
  if (!WALLET_ADDRESS_PATTERN.test(value)) return 'a wallet address is 0x followed by 40 hex characters';
  return null;
}

export const HyperliquidCredentialsSchema = z
  .object({
    venue: z.literal('hyperliquid'),
    walletAddress: z
      .string()
      .trim()
      .superRefine((value, context) => {
        const problem = walletAddressProblem(value);
        if (problem !== null) context.addIssue({ code: 'custom', message: problem });
      }),
  })
  .strict();

export const VenueCredentialsSchema = z.discriminatedUnion('venue', [
  BinanceCredentialsSchema,
  BybitCredentialsSchema,
  OkxCredentialsSchema,
  HyperliquidCredentialsSchema,
]);
export type VenueCredentials = z.infer<typeof VenueCredentialsSchema>;

/** `…` + the last four characters of the API key (Hyperliquid: of the wallet address). */
export function keyHintOf(credentials: VenueCredentials): string {
  const visible = credentials.venue === 'hyperliquid' ? credentials.walletAddress : credentials.apiKey;
  return `…${visible.slice(-4)}`;
}

/** One input of the add-account form, in the venue's own terms. */
export interface CredentialField {
  readonly name: 'apiKey' | 'secret' | 'passphrase' | 'walletAddress';
  readonly label: string;
  /** Shown masked and never echoed back. */
  readonly secret: boolean;
}

export const CREDENTIAL_FIELDS: Readonly<Record<Venue, readonly CredentialField[]>> = {
  binance: [
    { name: 'apiKey', label: 'API Key', secret: true },
    { name: 'secret', label: 'Secret Key', secret: true },
  ],
  bybit: [
    { name: 'apiKey', label: 'API Key', secret: true },
    { name: 'secret', label: 'API Secret', secret: true },
  ],
  okx: [
    { name: 'apiKey', label: 'API key', secret: true },
    { name: 'secret', label: 'Secret key', secret: true },
    { name: 'passphrase', label: 'Passphrase', secret: true },
  ],
  hyperliquid: [{ name: 'walletAddress', label: 'Wallet address', secret: false }],
};

/** How to create a read-only key on each venue, quoted in every refusal (security.md §2.1–2.4). */
export const READ_ONLY_KEY_HOWTO: Readonly<Record<Venue, string>> = {
  binance:
    'To create a read-only key on Binance: Account → API Management → Create API, then under API restrictions leave only "Enable Reading" ticked (untick Enable Spot & Margin Trading, Enable Futures, Enable Margin Loan, Repay & Transfer, Enable Withdrawals, Permits Universal Transfer and Enable Vanilla Options).',
  bybit:
    'To create a read-only key on Bybit: Account → API → Create New Key → System-generated API Keys, choose "Read-Only" under API Key Permissions, tick Contracts (Orders, Positions) or Unified Trading, and leave every Assets/Wallet permission (Account Transfer, Subaccount Transfer, Withdrawal) unticked.',
  okx: 'To create a read-only key on OKX: Profile → API → Create API key, tick only "Read" under Permissions (leave Trade and Withdraw unticked), and keep the passphrase you set: it is needed with the key and the secret.',
  hyperliquid:
    'Hyperliquid needs no key: enter your main (or sub-account) wallet address. Do not use an API wallet: it can trade.',
};
