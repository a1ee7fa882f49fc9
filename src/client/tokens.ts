/**
 * Token responses, in either spelling, turned into what the client keeps. The expiry is reckoned on
 * this device's clock from `expires_in` at receipt: the token's own `exp` is on the server's clock,
 * and a client clock minutes off would refresh too early or too late if compared with it.
 */

/** An OAuth 2.0 token response (RFC 6749 §5.1). */
export interface OAuthTokenResponse {
  access_token: string;
  /** Absent from a refresh response when the server did not rotate it (RFC 6749 §6): the old one is kept. */
  refresh_token?: string;
  /** Access token lifetime in seconds. Without it the client refreshes only when the server answers 401. */
  expires_in?: number;
  token_type?: string;
  scope?: string;
}

/** webjwt/session's `TokenPair`, or anything in its camelCase spelling. */
export interface SessionTokenResponse {
  accessToken: string;
  refreshToken?: string;
  expiresIn?: number;
  tokenType?: string;
  refreshExpiresIn?: number;
  sessionId?: string;
}

export type TokenResponse = OAuthTokenResponse | SessionTokenResponse;

/** What is stored: times are milliseconds on this device's clock, null when `expires_in` was not given. */
export interface Tokens {
  accessToken: string;
  refreshToken: string | null;
  receivedAt: number | null;
  expiresAt: number | null;
}

const isToken = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The tokens of a response received at `now`; `previous` is the refresh token kept when a refresh
 * response carries none.
 * @throws TypeError for a response without an access token, or with a refresh token or lifetime of the wrong type.
 */
export function tokensFrom(response: unknown, previous: string | null, now: number): Tokens {
  const r = Object(response) as Record<string, unknown>;
  const accessToken = r.access_token ?? r.accessToken;
  const refreshToken = r.refresh_token ?? r.refreshToken ?? previous;
  const expiresIn = r.expires_in ?? r.expiresIn;
  if (!isToken(accessToken)) throw new TypeError('a token response needs access_token (or accessToken), a non-empty string');
  if (refreshToken !== null && !isToken(refreshToken)) throw new TypeError('refresh_token (or refreshToken) must be a non-empty string');
  if (expiresIn !== undefined && !(typeof expiresIn === 'number' && expiresIn > 0 && expiresIn < 1e9)) {
    throw new TypeError('expires_in (or expiresIn) must be a positive number of seconds');
  }
  const receivedAt = expiresIn === undefined ? null : now;
  return { accessToken, refreshToken, receivedAt, expiresAt: receivedAt === null ? null : now + (expiresIn as number) * 1000 };
}

/** The stored text's tokens; null for nothing stored and for anything that is not what we wrote. */
export function parseTokens(text: string | null): Tokens | null {
  try {
    const t = JSON.parse(text ?? 'null') as Partial<Tokens> | null;
    const time = (value: unknown) => value === null || typeof value === 'number';
    return t !== null &&
      isToken(t.accessToken) &&
      (t.refreshToken === null || isToken(t.refreshToken)) &&
      time(t.receivedAt) &&
      time(t.expiresAt)
      ? (t as Tokens)
      : null;
  } catch {
    return null;
  }
}
