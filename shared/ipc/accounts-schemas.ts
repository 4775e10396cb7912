import { z } from 'zod';
import { AccountSchema } from '../domain/account';
import { VenueCredentialsSchema } from '../domain/credentials';

/**
 * Argument and result schemas of the accounts methods in `contract.ts`. Credentials appear only in arguments
 * (write-only): no result schema has a field that could carry a secret, only `keyHint` inside `AccountSchema`.
 */
const AccountIdSchema = z.string().min(1).max(100);
const LabelSchema = z.string().trim().min(1, 'a label is required').max(60, 'a label is at most 60 characters');

export const AddAccountArgsSchema = z
  .object({
    label: LabelSchema,
    credentials: VenueCredentialsSchema,
    /** Keep the secret in memory until quit, because no keychain is available (the trader chose this). */
    sessionOnly: z.boolean(),
  })
  .strict();

export const UpdateAccountArgsSchema = z
  .object({ accountId: AccountIdSchema, label: LabelSchema.optional(), enabled: z.boolean().optional() })
  .strict();

export const AccountIdArgsSchema = z.object({ accountId: AccountIdSchema }).strict();

export const RotateAccountKeyArgsSchema = z
  .object({ accountId: AccountIdSchema, credentials: VenueCredentialsSchema })
  .strict();

export const AccountListResultSchema = z.object({ accounts: z.array(AccountSchema) });
export const AccountResultSchema = z.object({ account: AccountSchema });
export const DeleteAccountResultSchema = z.object({
  accountId: AccountIdSchema,
  /** Set when the keychain entry could not be removed yet (it is removed on a later start). */
  notice: z.string().nullable(),
});
