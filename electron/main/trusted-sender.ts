/** The renderer's own address: a custom scheme, never file:// (security.md §3.4). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';

/**
 * Whether a URL is one of the app's own pages. Compares scheme and host, not `URL.origin`: for a custom scheme Node's
 * URL reports the origin as "null", which would match nothing (or, compared carelessly, everything).
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Only the app window's main frame, showing one of the app's own pages, may call the services (security.md §3.3).
 * Kept free of Electron imports so the rule is unit-tested; electron/main/ipc.ts applies it to `event.senderFrame`.
 */
export function isTrustedSender(
  sender: { readonly url: string; readonly isMainFrameOfAppWindow: boolean } | null,
): boolean {
  return sender !== null && sender.isMainFrameOfAppWindow && isAppUrl(sender.url);
}
