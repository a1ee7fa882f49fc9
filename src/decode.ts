import { assertRegisteredClaims } from './claims.js';
import { DEFAULT_MAX_TOKEN_LENGTH, parseCompact, parsePayloadText, payloadText, type JwtHeader, type JwtPayload } from './codec.js';

export interface DecodeResult<T extends object = JwtPayload> {
  header: JwtHeader;
  payload: T & JwtPayload;
}

/**
 * Reads a token's header and payload WITHOUT verifying anything: the result is attacker-controlled
 * data. Use it to route (e.g. read `iss` or `kid`), never to authorise; use `verify()` for that.
 * Parsing is as strict as verify()'s, except that the signature segment may be empty.
 * @throws JwtError ERR_JWT_MALFORMED, or ERR_JWT_CLAIM for registered claims of the wrong type.
 */
export function decode<T extends object = JwtPayload>(token: string): DecodeResult<T> {
  const jws = parseCompact(token, DEFAULT_MAX_TOKEN_LENGTH);
  const payload = parsePayloadText(payloadText(jws.payload));
  assertRegisteredClaims(payload);
  return { header: jws.header, payload: payload as T & JwtPayload };
}
