/** Strings to bytes: UTF-8 for secrets and JSON, ASCII for JWS signing inputs. */

const utf8Encoder = /* @__PURE__ */ new TextEncoder();

/** UTF-8 bytes of a string: secrets, canonical JSON. */
export function utf8Bytes(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** The bytes of a signing input, which is ASCII by construction (base64url and '.'). */
export function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
