// What every response reached through a share link carries (reliability.md §3.5, W3C TAG "Capability URLs"): no
// Referer leaves it, nothing caches it, nothing indexes it. next.config.mjs sets the first and last on /share pages;
// route handlers set all three themselves, /api routes included.
export const shareResponseHeaders: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'cache-control': 'private, no-store',
  'x-robots-tag': 'noindex',
}

/**
 * File bytes keep their own Cache-Control (no-transform protects Content-Length); only the other two are added.
 * Measured on Next 16.5: a header that next.config.mjs's headers() also sets wins over the route's own, so under
 * /api the global `strict-origin-when-cross-origin` still replaces this Referrer-Policy (harmless for bytes: a
 * download is no document and sends no requests; its address holds no token either) until next.config.mjs lists
 * /api/shares/:path* with the share-page headers.
 */
export const shareBytesHeaders: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
}
