import { describe, expect, it } from 'vitest';
import { inProcessFetch } from './in-process';
import { Simulator } from './simulator';

/** Lets every queued promise callback run, without letting the event loop take another turn. */
async function drainMicrotasks(rounds = 200): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => queueMicrotask(resolve));
}

describe('the in-process transport', () => {
  const fetch = inProcessFetch(new Simulator({ scenario: 'calm' }));

  it('answers on a later turn of the event loop, like a socket, so other I/O is served between requests', async () => {
    let answered = false;
    const pending = fetch('https://fapi.binance.com/fapi/v1/time').then((response) => {
      answered = true;
      return response;
    });
    await drainMicrotasks();
    expect(answered).toBe(false);
    const response = await pending;
    expect(answered).toBe(true);
    // Binance's server time endpoint (the simulator's binance router): 200 with {"serverTime": <ms>}.
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('serverTime');
  });
});
