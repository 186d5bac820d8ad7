import type { Request } from 'express';

export const CORRELATION_HEADER = 'x-correlation-id';

/**
 * The matched route pattern (`/api/routing/cases/:id`), or `unmatched`. Metrics and logs use the pattern
 * rather than the URL: it keeps label cardinality bounded and keeps ids out of aggregated data.
 */
export function requestRoute(req: Request): string {
  const route: unknown = req.route;
  if (typeof route === 'object' && route !== null && 'path' in route && typeof route.path === 'string') {
    return `${req.baseUrl}${route.path}`;
  }
  return 'unmatched';
}

/** The path without its query string: query strings may carry personal data and are never logged. */
export function requestPath(req: Request): string {
  const url = req.originalUrl || req.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
