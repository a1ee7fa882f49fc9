import { assertRegisteredClaims } from './claims.js';
import { checkOptions, positiveInteger, type OptionNames } from '../lib/options.js';
import { DEFAULT_MAX_TOKEN_LENGTH, parseCompact, parsePayloadText, payloadText } from '../jws/compact.js';
import type { JwtHeader, JwtPayload } from '../types.js';

export interface DecodeResult<T extends object = JwtPayload> {
  header: JwtHeader;
  payload: T & JwtPayload;
}

export interface DecodeOptions {
  /** Longest token accepted, in characters, checked before any other work. Default 65536. */
  maxTokenLength?: number;
}

const DECODE_OPTIONS = { maxTokenLength: true } as const satisfies OptionNames<DecodeOptions>;

/**
 * Reads a token's header and payload WITHOUT verifying anything: the result is attacker-controlled
 * data. Use it to route (e.g. read `iss` or `kid`), never to authorise; use `verify()` for that.
 * Parsing is as strict as verify()'s, except that the signature segment may be empty.
 * @throws JwtError ERR_JWT_MALFORMED, or ERR_JWT_CLAIM for registered claims of the wrong type;
 *   TypeError for an unknown or invalid option.
 */
export function decode<T extends object = JwtPayload>(token: string, options?: DecodeOptions): DecodeResult<T> {
  const { maxTokenLength } = checkOptions(options, DECODE_OPTIONS, 'decode()');
  const jws = parseCompact(
    token,
    maxTokenLength === undefined ? DEFAULT_MAX_TOKEN_LENGTH : positiveInteger(maxTokenLength, 'maxTokenLength'),
  );
  const payload = parsePayloadText(payloadText(jws.payload));
  assertRegisteredClaims(payload);
  return { header: jws.header, payload: payload as T & JwtPayload };
}
