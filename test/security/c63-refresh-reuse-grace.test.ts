/**
 * C63 — a stolen refresh token replayed under cover of the reuse grace. `reuseGrace` lets the refresh
 * token spent last be presented again for a while (a client whose refresh response was lost), and
 * every such window is one in which a thief's replay is not seen as theft. Safe within these limits:
 * only the immediately previous token of a session (once its successor is spent, every earlier
 * token is reuse again, whatever the time); the window runs from the first spend, as recorded in the
 * store by the atomic setIfAbsent that spent it, and no replay moves it; a replay is answered with
 * the same successor, never a second one, so the family stays one chain and the next rotation by
 * either holder exposes the other; the grace is at most a minute, and off by default.
 * RFC 9700 §4.14.2 (refresh token rotation and reuse detection).
 */
import { describe, expect, it } from 'vitest';
import { generateSecret } from '../../src/index.js';
import { createSessions, memoryStore } from '../../src/session.js';
import { expectCode } from '../support.js';

function setup() {
  let time = Date.UTC(2030, 0, 1);
  const now = () => new Date(time);
  const store = memoryStore({ now });
  const sessions = createSessions({ key: generateSecret('HS256'), store, now, reuseGrace: '10s' });
  return { sessions, advance: (seconds: number) => (time += seconds * 1000) };
}

describe('C63 reuse grace', () => {
  it('an older generation is reuse even within the grace: the session is revoked', async () => {
    const { sessions, advance } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const second = await sessions.refresh(first.refreshToken);
    const third = await sessions.refresh(second.refreshToken);
    advance(1);
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(sessions.refresh(third.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('a replay after the window is reuse', async () => {
    const { sessions, advance } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const second = await sessions.refresh(first.refreshToken);
    advance(10);
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
    await expectCode(sessions.refresh(second.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('replays do not extend the window: it runs from the first spend', async () => {
    const { sessions, advance } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    await sessions.refresh(first.refreshToken);
    for (let i = 0; i < 3; i++) {
      advance(3);
      await sessions.refresh(first.refreshToken);
    }
    advance(1); // 10 s after the first spend
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('a replay gets the same successor, never a second chain: the successor used twice outside the grace is reuse', async () => {
    const { sessions, advance } = setup();
    const first = await sessions.issueTokens({ sub: 'user-1' });
    const owner = await sessions.refresh(first.refreshToken);
    advance(5);
    const thief = await sessions.refresh(first.refreshToken);
    expect(thief.refreshToken).toBe(owner.refreshToken);
    advance(60);
    await sessions.refresh(owner.refreshToken);
    advance(60);
    await expectCode(sessions.refresh(thief.refreshToken), 'ERR_JWT_REVOKED');
  });

  it('the grace is off by default and at most a minute', async () => {
    const key = generateSecret('HS256');
    const sessions = createSessions({ key });
    const first = await sessions.issueTokens({ sub: 'user-1' });
    await sessions.refresh(first.refreshToken);
    await expectCode(sessions.refresh(first.refreshToken), 'ERR_JWT_REVOKED');
    expect(() => createSessions({ key, reuseGrace: 61 })).toThrow(TypeError);
  });
});
