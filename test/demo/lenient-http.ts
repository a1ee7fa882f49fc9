/**
 * webjwt/http with a broken `requireRole()` that lets every token through: bundled into the demo in
 * place of the real one, it must make the demo fail at the 403 step, which proves the demo asserts.
 */
import type { Guard } from '../../src/http.js';

export * from '../../src/http.js';

export function requireRole(): Guard {
  return () => undefined;
}
