/**
 * Debian's nginx serving a folder as the static copy's host would: `gzip_static on`, index files,
 * the feed and calendar types, every file of nginx itself in a temporary prefix.
 *
 * @module
 */
import { NGINX_BINARY, prefixedNginxConfig, startNginx } from '../../bench/nginx.js'

export { NGINX_BINARY }

/** An nginx serving one folder on 127.0.0.1. */
export interface StaticNginx {
  url: string
  stop(): Promise<void>
}

/**
 * The nginx.conf of a static copy host (the example in docs/static-copy.md, on a test port).
 *
 * @example
 * staticNginxConfig('/tmp/p', '/srv/status', 8080).includes('gzip_static on;') // true
 */
export function staticNginxConfig(prefix: string, root: string, port: number): string {
  return prefixedNginxConfig(prefix, {
    workerConnections: 64,
    http: `  types {
    text/html html;
    text/css css;
    text/javascript js;
    application/json json;
    image/svg+xml svg;
    application/atom+xml atom;
    application/rss+xml rss;
    text/calendar ics;
  }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
    gzip_static on;
    add_header Cache-Control "public, max-age=15, stale-while-revalidate=60, stale-if-error=86400";
  }`,
  })
}

/**
 * Starts nginx serving `root`.
 *
 * @example
 * const nginx = await serveStatic('/tmp/second')
 * await fetch(`${nginx.url}/en/`)
 * await nginx.stop()
 */
export async function serveStatic(root: string): Promise<StaticNginx> {
  const { url, stop } = await startNginx({ config: (prefix, port) => staticNginxConfig(prefix, root, port), tempName: 'gh-static-nginx-' })
  return { url, stop }
}
