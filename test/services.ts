/**
 * Tests that need a system service (redis-server) skip where it is not installed, with a printed line
 * saying what was skipped and how to run it, so that `npm ci && npm test` passes on a fresh machine.
 * `WEBJWT_REQUIRE_SERVICES=1` (set by .ci/run, which installs them) makes a missing service a failure.
 */
import { spawnSync } from 'node:child_process';

export interface Service {
  /** The program to look for on PATH, run with `--version`. */
  binary: string;
  /** How to install it, for the printed line. */
  install: string;
}

export const REDIS: Service = { binary: 'redis-server', install: 'apt-get install redis-server' };

/**
 * True when `service` can run here. Otherwise prints one `skipped: …` line naming `testFile`, and
 * returns false; or, with WEBJWT_REQUIRE_SERVICES=1, throws, which fails the test file.
 */
export function hasService(service: Service, testFile: string): boolean {
  const probe = spawnSync(service.binary, ['--version'], { stdio: 'ignore' });
  if (probe.error === undefined && probe.status === 0) return true;
  const need = `${testFile} needs ${service.binary} (${service.install})`;
  if (process.env.WEBJWT_REQUIRE_SERVICES === '1') {
    throw new Error(`${need}, and WEBJWT_REQUIRE_SERVICES=1 makes a missing service a failure`, { cause: probe.error });
  }
  console.warn(`skipped: ${need}; set WEBJWT_REQUIRE_SERVICES=1 to make this a failure`);
  return false;
}
