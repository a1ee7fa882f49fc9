/** The concurrent-refresh check shared by the memory and Redis tests. */
import { expect } from 'vitest';
import type { Sessions, TokenPair } from '../../src/session.js';
import { expectCode } from '../support.js';

/**
 * Issues a pair on `first`, then refreshes its refresh token on `first` and `second` at once (pass
 * the same sessions twice for one server), `rounds` times. Each round exactly one refresh must win
 * and the other fail with ERR_JWT_REVOKED. The loser presented a spent token, which cannot be told
 * from theft (RFC 9700 §4.14.2), so the session is revoked and the winner's new refresh token fails too.
 */
export async function expectOneRefreshWins(first: Sessions, second: Sessions, rounds: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const { refreshToken } = await first.issueTokens({ sub: `user-${round}` });
    const results = await Promise.allSettled([first.refresh(refreshToken), second.refresh(refreshToken)]);
    const won = results.filter((r): r is PromiseFulfilledResult<TokenPair> => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'ERR_JWT_REVOKED' });
    await expectCode(second.refresh(won[0]!.value.refreshToken), 'ERR_JWT_REVOKED');
  }
}
