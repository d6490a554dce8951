/**
 * Resolves on the event loop's next turn, after pending I/O: a long piece of work (a 10,000-row
 * import, a re-attribution) awaits it between slices so that other requests (`/healthz`, a
 * dashboard's metrics) are answered meanwhile. A promise alone would not do: its continuation runs
 * before any I/O.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets the loop run between slices; the default, `nextTurn`, may be replaced (tests count slices). */
export type Pause = () => Promise<void>;
