import { z } from 'zod';
import { AppInfoSchema } from '../domain/app-info';
import { MarketSchema } from '../domain/market';
import { KeychainStatusSchema } from '../domain/keychain';
import { SettingsPatchSchema, SettingsSchema } from '../domain/settings';
import { RefreshProgressSchema, SnapshotSchema } from '../domain/snapshot';
import type { Result } from '../result';
import {
  AccountIdArgsSchema,
  AccountListResultSchema,
  AccountResultSchema,
  AddAccountArgsSchema,
  DeleteAccountResultSchema,
  RotateAccountKeyArgsSchema,
  UpdateAccountArgsSchema,
} from './accounts-schemas';
import { ExportChecklistArgsSchema, ExportChecklistResultSchema } from './export-schemas';
import { GetMarketArgsSchema, ListVenueMarketsArgsSchema, ListVenueMarketsResultSchema } from './markets-schemas';

/**
 * THE contract between the renderer and the services (DESIGN.md §4). One entry per method: zod `args` (always an
 * object, so every transport sends plain JSON) and zod `result`. `electron/services/handlers.ts` implements it,
 * `electron/preload` exposes one function per entry, and the browser shell serves `POST /api/<method>`.
 */
const method = <A extends z.ZodObject, R extends z.ZodType>(args: A, result: R) => ({ args, result });
const noArgs = z.object({}).strict();

export const SettingsResultSchema = z.object({
  settings: SettingsSchema,
  /** Set when the stored file could not be used whole: what was reset or moved aside, in words. */
  notice: z.string().nullable(),
});

export const contract = {
  getAppInfo: method(noArgs, AppInfoSchema),
  getSettings: method(noArgs, SettingsResultSchema),
  updateSettings: method(z.object({ patch: SettingsPatchSchema }).strict(), SettingsResultSchema),
  // Accounts (secrets flow in through args only; results carry at most keyHint).
  listAccounts: method(noArgs, AccountListResultSchema),
  getKeychainStatus: method(noArgs, KeychainStatusSchema),
  addAccount: method(AddAccountArgsSchema, AccountResultSchema),
  updateAccount: method(UpdateAccountArgsSchema, AccountResultSchema),
  recheckAccount: method(AccountIdArgsSchema, AccountResultSchema),
  rotateAccountKey: method(RotateAccountKeyArgsSchema, AccountResultSchema),
  deleteAccount: method(AccountIdArgsSchema, DeleteAccountResultSchema),
  // Exchange data: one snapshot across accounts, each with its own status. Demo mode reads the in-process simulator.
  getSnapshot: method(noArgs, SnapshotSchema.nullable()),
  refresh: method(z.object({ accountIds: z.array(z.string().min(1)).max(100).optional() }).strict(), SnapshotSchema),
  /** The demo: the flash sell-off by default; `calm`, or the benchmark loads, on request. */
  startDemo: method(
    z
      .object({ scenario: z.enum(['flash-selloff', 'calm', 'many-positions', 'five-hundred-positions']).optional() })
      .strict(),
    SnapshotSchema,
  ),
  stopDemo: method(noArgs, SnapshotSchema),
  /** The perpetuals a venue lists, from a connected account's (or the demo's) loaded market list; `not_found` if none. */
  listVenueMarkets: method(ListVenueMarketsArgsSchema, ListVenueMarketsResultSchema),
  /** One market's full data (as in the snapshot), read on demand, e.g. for a market with no position. */
  getMarket: method(GetMarketArgsSchema, MarketSchema),
  /** A desktop notification through the shell's own notifier (Electron); `delivered: false` where there is none. */
  showNotification: method(
    z.object({ title: z.string().min(1).max(120), body: z.string().max(500) }).strict(),
    z.object({ delivered: z.boolean() }),
  ),
  // The risk checklist, built by the services from their own snapshot and settings; the shell decides where it goes.
  exportChecklist: method(ExportChecklistArgsSchema, ExportChecklistResultSchema),
} as const;

/** Push events from the services to the renderer. */
export const events = {
  snapshotChanged: SnapshotSchema,
  refreshProgress: RefreshProgressSchema,
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodArgs<M extends MethodName> = z.infer<Contract[M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<Contract[M]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(contract) as readonly MethodName[];

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

/** The one implementation of every method, on the services side. A missing or mistyped handler fails to compile. */
export type Handlers = { readonly [M in MethodName]: (args: MethodArgs<M>) => Promise<Result<MethodResult<M>>> };

/** What both transports hand the renderer: the same functions as the handlers, plus `on` for push events. */
export type Api = Handlers & {
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Formats a zod failure as one sentence naming the offending field(s), for `invalid_input` errors. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
    .join('; ');
}
