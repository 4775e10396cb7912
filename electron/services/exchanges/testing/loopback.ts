import { startSimulatorServer, type RunningSimulatorServer } from '../../../simulator/http-server';
import { Simulator, type SimulatorOptions } from '../../../simulator/simulator';
import type { ExchangeEnvironment } from '../adapter';
import { loopbackTransport } from '../transport';

/** A simulator on loopback HTTP and an exchange environment that reaches it (transport C), for tests and the bench. */
export interface Loopback {
  readonly sim: Simulator;
  readonly server: RunningSimulatorServer;
  environment(overrides?: Partial<ExchangeEnvironment>): ExchangeEnvironment;
  close(): Promise<void>;
}

export async function startLoopback(options: SimulatorOptions): Promise<Loopback> {
  const sim = new Simulator(options);
  const server = await startSimulatorServer(sim);
  return {
    sim,
    server,
    environment: (overrides = {}) => ({
      name: `loopback-${sim.spec.id}`,
      transport: loopbackTransport(server.url, sim.hosts),
      enableRateLimit: false,
      timeoutMs: 2_000,
      marketsCache: null,
      now: Date.now,
      ...overrides,
    }),
    close: () => server.close(),
  };
}
