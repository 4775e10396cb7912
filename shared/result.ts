import { z } from 'zod';

/** The closed set of error codes a contract call can fail with (DESIGN.md §4). */
export const ERROR_CODES = [
  'invalid_input',
  'auth',
  'permission_too_broad',
  'rate_limited',
  'network',
  'exchange_down',
  'keychain_unavailable',
  'not_found',
  'internal',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** An error a trader can act on: `message` says what happened and what to do next. */
export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().min(1),
});
export type AppError = z.infer<typeof AppErrorSchema>;

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
