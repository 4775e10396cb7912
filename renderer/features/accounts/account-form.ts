import type { z } from 'zod';
import {
  BinanceCredentialsSchema,
  BybitCredentialsSchema,
  CREDENTIAL_FIELDS,
  HyperliquidCredentialsSchema,
  OkxCredentialsSchema,
  VenueCredentialsSchema,
  type CredentialField,
  type VenueCredentials,
} from '../../../shared/domain/credentials';
import type { Venue } from '../../../shared/domain/venue';

/**
 * The add-account form's rules, kept apart from the component so they are tested alone. Each field is checked with
 * the same schema the service parses with; an untouched empty field shows no error until the trader submits.
 */
export type FieldName = CredentialField['name'];
export type CredentialValues = Partial<Record<FieldName, string>>;

const VENUE_SCHEMAS: Readonly<Record<Venue, z.ZodObject>> = {
  binance: BinanceCredentialsSchema,
  bybit: BybitCredentialsSchema,
  okx: OkxCredentialsSchema,
  hyperliquid: HyperliquidCredentialsSchema,
};

const capitalise = (message: string) =>
  message.charAt(0).toUpperCase() + message.slice(1) + (message.endsWith('.') ? '' : '.');

export function credentialFieldError(venue: Venue, field: FieldName, value: string): string | null {
  const schema = VENUE_SCHEMAS[venue].shape[field] as z.ZodType | undefined;
  if (schema === undefined) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? null : capitalise(parsed.error.issues[0]?.message ?? 'invalid value');
}

export function labelError(label: string): string | null {
  const trimmed = label.trim();
  if (trimmed === '') return 'Give the account a name, e.g. “Binance main”.';
  if (trimmed.length > 60) return 'A label is at most 60 characters.';
  return null;
}

export interface FormCheck {
  readonly errors: Partial<Record<FieldName | 'label', string>>;
  readonly credentials: VenueCredentials | null;
}

/** All errors for the form as it stands, and the credentials to send when there are none. */
export function checkAccountForm(venue: Venue, label: string, values: CredentialValues, needLabel = true): FormCheck {
  const errors: Partial<Record<FieldName | 'label', string>> = {};
  if (needLabel) {
    const problem = labelError(label);
    if (problem !== null) errors.label = problem;
  }
  for (const field of CREDENTIAL_FIELDS[venue]) {
    const problem = credentialFieldError(venue, field.name, values[field.name] ?? '');
    if (problem !== null) errors[field.name] = problem;
  }
  if (Object.keys(errors).length > 0) return { errors, credentials: null };
  const fields = Object.fromEntries(CREDENTIAL_FIELDS[venue].map((field) => [field.name, values[field.name] ?? '']));
  const parsed = VenueCredentialsSchema.safeParse({ venue, ...fields });
  return parsed.success
    ? { errors, credentials: parsed.data }
    : { errors: { label: 'Check the fields above.' }, credentials: null };
}
