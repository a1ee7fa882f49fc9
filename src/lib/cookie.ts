/** What a cookie may be named and what a token cookie may hold: one spelling for webjwt/http and webjwt/session. */

// RFC 6265 §4.1.1: cookie-name is an RFC 2616 token.
export const COOKIE_NAME: RegExp = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// RFC 6750 §2.1's b64token: what a JWT is made of (base64url segments and dots), and all a token
// cookie may hold: nothing that would need quoting in a cookie value.
export const TOKEN_VALUE: RegExp = /^[A-Za-z0-9\-._~+/]+=*$/;
