/**
 * The public types that every layer shares: what a token's header and payload are once parsed and
 * checked. Types only, so any module may import them.
 */

/** The header of a JWS, as webjwt returns it. */
export interface JwtHeader {
  alg: string;
  typ?: string;
  cty?: string;
  kid?: string;
  [parameter: string]: unknown;
}

/** The registered claims of RFC 7519 §4.1, as types webjwt has checked. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: unknown;
}

/** The protected header of a JWE (RFC 7516 §4), as `decrypt()` returns it. */
export interface JweHeader {
  /** The key management algorithm. */
  alg: string;
  /** The content encryption algorithm. */
  enc: string;
  /** `DEF` when the plaintext was compressed before encryption (RFC 7516 §4.1.3). */
  zip?: string;
  kid?: string;
  typ?: string;
  /** `JWT` for a nested (signed, then encrypted) token. */
  cty?: string;
  [parameter: string]: unknown;
}
