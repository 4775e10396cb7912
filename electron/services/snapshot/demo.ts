import type { Account } from '../../../shared/domain/account';
import type { Result } from '../../../shared/result';
import { inProcessFetch } from '../../simulator/in-process';
import { RealTimeClock, Simulator } from '../../simulator/simulator';
import type { ScenarioId } from '../../simulator/scenarios/index';
import type { ExchangeEnvironment, ClientCredentials } from '../exchanges/adapter';
import type { MarketsCache } from '../exchanges/markets-cache';
import { guardedTransport } from '../exchanges/transport';

/**
 * Demo mode: the in-process simulator (transport D) playing the flash-selloff scenario in real time, with the
 * scenario's accounts. Requests go through exactly the production adapters and ccxt; the transport only answers
 * for the simulator's hosts, so the demo can never reach a real exchange. Accounts are marked `demo`.
 */
export interface Demo {
  readonly simulator: Simulator;
  readonly environment: ExchangeEnvironment;
  readonly accounts: readonly Account[];
  credentialsFor(accountId: string): Result<ClientCredentials>;
}

export interface DemoOptions {
  readonly now: () => number;
  readonly marketsCache: MarketsCache | null;
  readonly scenario?: ScenarioId;
  /** Scenario minutes already elapsed when the demo opens (default 1 minute before the flash-selloff's minute 0). */
  readonly startMinute?: number;
  /** Scenario speed relative to the wall clock (default 1). */
  readonly speed?: number;
}

export function createDemo(options: DemoOptions): Demo {
  const scenario = options.scenario ?? 'flash-selloff';
  const openedAt = options.now();
  const startMs = openedAt - (options.startMinute ?? -1) * 60_000;
  const simulator = new Simulator({
    scenario,
    startMs,
    // Scenario time follows the app's clock from the moment the demo opens; signatures are checked against the
    // wall clock ccxt signs with (the simulator's default).
    clock: new RealTimeClock(openedAt, options.now, options.speed ?? 1),
  });
  const environment: ExchangeEnvironment = {
    name: `demo-${scenario}`,
    transport: guardedTransport(inProcessFetch(simulator), simulator.hosts),
    enableRateLimit: false,
    timeoutMs: 5_000,
    marketsCache: options.marketsCache,
    now: options.now,
  };
  const accounts: Account[] = simulator.spec.accounts.map((spec) => ({
    accountId: `demo-${spec.venue}`,
    venue: spec.venue,
    label: `DEMO · ${spec.label}`,
    keyHint: '…demo',
    permissions: {
      read: true,
      trade: false,
      withdraw: false,
      transfer: false,
      venueFlags: ['demo: simulated read-only key'],
      checkedAt: openedAt,
    },
    enabled: true,
    disabledReason: null,
    sessionOnly: false,
    demo: true,
    addedAt: Math.trunc(openedAt),
  }));
  return {
    simulator,
    environment,
    accounts,
    credentialsFor(accountId) {
      const spec = simulator.spec.accounts.find((a) => `demo-${a.venue}` === accountId);
      if (!spec) return { ok: false, error: { code: 'not_found', message: 'That demo account does not exist.' } };
      const value: ClientCredentials =
        spec.venue === 'hyperliquid'
          ? { walletAddress: spec.walletAddress ?? '' }
          : {
              apiKey: spec.apiKey,
              secret: spec.secret,
              ...(spec.passphrase === undefined ? {} : { password: spec.passphrase }),
            };
      return { ok: true, value };
    },
  };
}
