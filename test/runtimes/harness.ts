/**
 * The conformance suite's own test harness: no test framework, nothing a runtime might lack. Tests
 * run one after another; a test passes when its function settles without throwing.
 */

export interface SuiteResult {
  passed: number;
  failed: number;
  /** One entry per failed test: its name and the error message. */
  failures: string[];
}

type TestFn = () => unknown;

export interface Harness {
  /** Registers a test. Names must be unique, so a failure names one test. */
  test: (name: string, fn: TestFn) => void;
  /** Runs every registered test in order. */
  run: () => Promise<SuiteResult>;
}

export function createHarness(): Harness {
  const tests = new Map<string, TestFn>();
  return {
    test: (name, fn) => {
      if (tests.has(name)) throw new Error(`duplicate test name: ${name}`);
      tests.set(name, fn);
    },
    run: async () => {
      const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
      for (const [name, fn] of tests) {
        try {
          await fn();
          result.passed++;
        } catch (error) {
          result.failed++;
          result.failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
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
