/**
 * The one check every public options object goes through: an object whose every own name is known.
 * A misspelt option (`audiance`) must be an error, never a check silently skipped.
 */

/** Every option name of `T`, each `true`: written as a literal, TypeScript proves the list complete. */
export type OptionNames<T> = { readonly [K in keyof Required<T>]: true };

/**
 * The options object, `{}` for `undefined`.
 * @param where who is asking, as the message should name it: `verify()`, `createSessions()`.
 * @throws TypeError for anything but a plain object, or an own name not in `names` (saying which
 *   known name it is closest to, when one is close).
 */
export function checkOptions<T extends object>(options: T | undefined, names: OptionNames<T>, where: string): T {
  if (options === undefined) return {} as T;
  if (typeof options !== 'object' || (options as unknown) === null || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object`);
  }
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(names, name)) {
      const meant = closest(name, Object.keys(names));
      throw new TypeError(
        `${where}: unknown option ${JSON.stringify(name)}${meant === undefined ? '' : `; did you mean ${JSON.stringify(meant)}?`}`,
      );
    }
  }
  return options;
}

/** The known name nearest to `name` (case aside, at most a third of its letters edited), if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  const limit = Math.ceil(name.length / 3);
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min(substitute, (previous[j] as number) + 1, (row[j - 1] as number) + 1));
    }
    previous = row;
  }
  return previous[b.length] as number;
}

/** @throws TypeError unless `value` is a boolean. */
export function assertBoolean(value: unknown, name: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw new TypeError(`${name} must be a boolean`);
}

/** @throws TypeError unless `value` is a positive safe integer. */
export function positiveInteger(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new TypeError(`${name} must be a positive integer`);
}
