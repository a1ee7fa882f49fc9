import { afterEach, vi } from 'vitest';
import { createAuthClient, type AuthClient, type AuthClientOptions, type AuthState } from '../../src/client.js';

const clients: AuthClient[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** A client closed after the test, with every state it reported. */
export function track(options: AuthClientOptions) {
  const client = createAuthClient(options);
  clients.push(client);
  const states: AuthState[] = [];
  client.subscribe((state) => states.push(state));
  return { client, states };
}

/** Moves this process's clock (Date only; timers stay real) by `seconds`. */
export function advanceClock(seconds: number): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.now() + seconds * 1000);
}

export const url = 'https://api.example.com/me';
