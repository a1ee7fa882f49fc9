/** A bound on how long a promise may take, for calls into code webjwt does not control (a fetch, a cache or session store). */

/** `pending`'s value, or `late()`'s once `ms` passed without one (the timer is cleared either way). */
export function within<T, L>(pending: Promise<T>, ms: number, late: () => L): Promise<T | L> {
  let cancel = (): void => undefined;
  const timedOut = new Promise<L>((resolve, reject) => {
    const timer = setTimeout(() => {
      try {
        resolve(late());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, ms);
    cancel = () => {
      clearTimeout(timer);
    };
  });
  return Promise.race([pending, timedOut]).finally(cancel);
}
