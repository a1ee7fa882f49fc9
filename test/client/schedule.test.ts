/** The proactive refresh: its time from expires_in, its jitter bounds, and its pause while hidden. */
import { describe, expect, it, vi } from 'vitest';
import { authServer } from './fakes.js';
import { track } from './support.js';

/** A document whose visibility the test sets, dispatching visibilitychange as a browser does. */
function fakeDocument(state: 'visible' | 'hidden') {
  const target = new EventTarget();
  const doc = Object.assign(target, { visibilityState: state });
  vi.stubGlobal('document', doc);
  return {
    set(next: 'visible' | 'hidden') {
      doc.visibilityState = next;
      target.dispatchEvent(new Event('visibilitychange'));
    },
  };
}

/** Seconds after login at which the first refresh happens, for a lifetime and Math.random's value. */
async function firstRefreshAt(lifetime: number, random: number): Promise<number> {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(random);
  const server = authServer({ lifetime });
  const { client } = track({ refresh: server.refresh, fetch: server.fetch });
  await client.setTokens(server.issue());
  const start = Date.now();
  while (server.refresh.mock.calls.length === 0) await vi.advanceTimersByTimeAsync(10);
  return (Date.now() - start) / 1000;
}

describe('proactive refresh', () => {
  it.each([
    // lifetime, random, seconds: lead = min(60 s, lifetime / 10); refresh at lifetime - lead × (1 + random / 2)
    [900, 0, 840],
    [900, 0.999, 810.03],
    [3600, 0.5, 3525],
    [30, 0, 27],
    [30, 0.999, 25.51],
    [5, 0, 4.5],
  ])('a %i s token with random %f is refreshed %f s after receipt', async (lifetime, random, seconds) => {
    expect(await firstRefreshAt(lifetime, random)).toBeCloseTo(seconds, 1);
  });

  it('keeps the token fresh: requests never wait, and rotations follow one another', async () => {
    vi.useFakeTimers();
    const server = authServer({ lifetime: 300 });
    const { client } = track({ refresh: server.refresh, fetch: server.fetch });
    await client.setTokens(server.issue());
    for (let minute = 1; minute <= 30; minute++) {
      await vi.advanceTimersByTimeAsync(60_000);
      expect((await client.fetch('https://api.example.com/')).status).toBe(200);
    }
    // One refresh per 270 to 285 s, never two with the same token.
    expect(server.refresh.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(new Set(server.seen).size).toBe(server.seen.length);
    expect(server.fetch).toHaveBeenCalledTimes(30);
  });

  it('does not run without expires_in, nor without a refresh token', async () => {
    vi.useFakeTimers();
    const refresh = vi.fn();
    const { client } = track({ refresh });
    await client.setTokens({ access_token: 'a', refresh_token: 'r' });
    await vi.advanceTimersByTimeAsync(10 * 86_400_000);
    await client.setTokens({ access_token: 'a', expires_in: 60 });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('is paused while the page is hidden, and runs on return when its time has passed', async () => {
    vi.useFakeTimers();
    const page = fakeDocument('visible');
    const server = authServer({ lifetime: 900 });
    const { client } = track({ refresh: server.refresh, fetch: server.fetch });
    await client.setTokens(server.issue());
    page.set('hidden');
    await vi.advanceTimersByTimeAsync(850_000);
    expect(server.refresh).not.toHaveBeenCalled();
    page.set('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  it('waits again for its time when the page comes back early', async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const page = fakeDocument('hidden');
    const server = authServer({ lifetime: 900 });
    const { client } = track({ refresh: server.refresh, fetch: server.fetch });
    await client.setTokens(server.issue());
    await vi.advanceTimersByTimeAsync(600_000);
    page.set('visible');
    await vi.advanceTimersByTimeAsync(239_000);
    expect(server.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.refresh).toHaveBeenCalledTimes(1);
  });

  it('stops on logout and on close', async () => {
    vi.useFakeTimers();
    const server = authServer({ lifetime: 60 });
    const one = track({ refresh: server.refresh, fetch: server.fetch });
    await one.client.setTokens(server.issue());
    await one.client.logout();
    const two = track({ refresh: server.refresh, fetch: server.fetch });
    await two.client.setTokens(server.issue());
    two.client.close();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(server.refresh).not.toHaveBeenCalled();
  });
});
