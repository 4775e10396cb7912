// @ts-check
/**
 * V8 heap limits for the process that runs the services (DESIGN.md §5), set where that process starts: on Electron's
 * command line as `--js-flags` (electron/launch.mjs; the main process takes V8 flags only at startup), and for the
 * services process of the exchange benchmark (electron/scripts/bench-exchanges.ts). Plain JavaScript, read by both.
 *
 * Why: every refresh keeps the new order books and pieces of each market until the next refresh replaces them, so
 * each refresh promotes a few MB to the old generation that the next one turns into garbage. With V8's defaults for a
 * desktop-sized heap the old generation may grow to about 4× its live size before a full collection, and the young
 * generation is 2 × 16 MB: 4 venues × 50 positions settled near 240 MB resident with ~42 MB live.
 * - `--max-semi-space-size=8`: young generation 2 × 8 MB;
 * - `--max-old-space-size=512`: V8 scales its heap-growing factor with this limit (about 1.4 at 512 MB instead of up
 *   to 4 for limits of 2 GB and more), so the old generation stays near its live size. 512 MB is more than ten times
 *   the live heap with 200 positions.
 * Measured A/B against the defaults (bench-exchanges, 4 venues × 50 positions, runs interleaved on a shared 2-core
 * machine): RSS after 21 refreshes 231–247 MB → 149–156 MB; process CPU per steady refresh about +15 % (more frequent
 * collections), about what reading order books from the venues' raw answers saved (normalise.ts toOrderBook).
 * Not applied to the browser shell: its services run inside the launcher's own Node process (a re-exec would be needed).
 */
export const SERVICES_HEAP_FLAGS = Object.freeze(['--max-semi-space-size=8', '--max-old-space-size=512']);
