/**
 * What the conformance suite needs from a test framework, and the framework-free runner the runtimes
 * use. vitest supplies its own `Harness` (test/conformance.test.ts); every other runtime gets
 * `createRunner()`: nothing a runtime might lack, tests one after another, a test passing when its
 * function settles without throwing.
 */

export type TestFn = () => unknown;

/** How the suite registers its tests. */
export interface Harness {
  /** Registers a test. Names must be unique, so a failure names one test. */
  test: (name: string, fn: TestFn) => void;
  /** Registers a test that does not run here, and why (reported as "skipped: <reason>"). */
  skip: (name: string, reason: string) => void;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  /** One entry per failed test: its name and the error message. */
  failures: string[];
  /** One entry per distinct skip reason, with how many tests it skipped: "skipped: <reason> (n)". */
  skips: string[];
}

/** The runtimes' harness: `run()` runs every registered test in order and counts the outcomes. */
export function createRunner(): Harness & { run: () => Promise<SuiteResult> } {
  const tests = new Map<string, TestFn | { skipped: string }>();
  const register = (name: string, entry: TestFn | { skipped: string }): void => {
    if (tests.has(name)) throw new Error(`duplicate test name: ${name}`);
    tests.set(name, entry);
  };
  return {
    test: register,
    skip: (name, reason) => {
      register(name, { skipped: reason });
    },
    run: async () => {
      const result: SuiteResult = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
      const reasons = new Map<string, number>();
      for (const [name, entry] of tests) {
        if (typeof entry !== 'function') {
          result.skipped++;
          reasons.set(entry.skipped, (reasons.get(entry.skipped) ?? 0) + 1);
          continue;
        }
        try {
          await entry();
          result.passed++;
        } catch (error) {
          result.failed++;
          result.failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      result.skips = [...reasons].map(([reason, n]) => `skipped: ${reason} (${n})`);
      return result;
    },
  };
}

/** Throws unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Deep equality of JSON values (objects compared by own keys, in any order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Throws unless `actual` and `expected` are the same JSON value. */
export function checkJson(actual: unknown, expected: unknown, what: string): void {
  check(sameJson(actual, expected), `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}
