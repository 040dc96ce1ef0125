/**
 * Long work over a whole file (parsing, outlining, checking every section) as a generator that
 * yields between steps, so the extension host can run it in slices and answer everything else in
 * between: a hostile 10 MB file in a repository must not freeze VS Code's extensions for seconds.
 * Callers that need the value at once run it to the end (`runAll`).
 */
export type Steps<T> = Generator<void, T, void>;

export function runAll<T>(g: Steps<T>): T {
  for (;;) {
    const r = g.next();
    if (r.done === true) return r.value;
  }
}

export interface SliceOptions {
  /** Work done before giving the event loop a turn. */
  readonly sliceMs: number;
  readonly now: () => number;
  /** Gives the event loop a turn (setImmediate in the extension host). */
  readonly pause: () => Promise<void>;
}

/** Runs the steps, pausing whenever a slice has run `sliceMs`. */
export async function runSliced<T>(g: Steps<T>, o: SliceOptions): Promise<T> {
  let start = o.now();
  for (;;) {
    const r = g.next();
    if (r.done === true) return r.value;
    if (o.now() - start >= o.sliceMs) {
      await o.pause();
      start = o.now();
    }
  }
}

/** How many items a loop handles between two yields (each a few microseconds). */
export const STEP_ITEMS = 512;
