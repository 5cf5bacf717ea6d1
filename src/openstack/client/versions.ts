/**
 * Where a service's version document lives: its endpoint without the trailing project id
 * (Cinder's `/v3/{project_id}` → `/v3/`), and Swift's capabilities at `/info`.
 *
 * @module
 */
import type { CatalogService } from '../keystone/index.js'

/**
 * The URL whose GET returns the service's version document.
 *
 * @example
 * versionDocumentUrl({ type: 'block-storage', url: 'http://h:8776/v3/abc', … }, 'abc') // 'http://h:8776/v3/'
 * versionDocumentUrl({ type: 'object-store', url: 'http://h:8080/v1/AUTH_abc', … }, 'abc') // 'http://h:8080/info'
 */
export function versionDocumentUrl(service: Pick<CatalogService, 'type' | 'url'>, projectId: string | null): string {
  const url = new URL(service.url)
  if (service.type === 'object-store') return `${url.origin}/info`
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  const last = segments.at(-1)
  if (last !== undefined && projectId !== null && (last === projectId || last === `AUTH_${projectId}`)) segments.pop()
  // With the trailing slash: Cinder redirects `/v3` to `/v3/`.
  return `${url.origin}/${segments.map((segment) => `${segment}/`).join('')}`
}
