/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The `<link rel="alternate">` tags of the feeds in a public page's head: the whole page's
 * feeds and calendar on every page, and a component's (or a selected location's) own on its page.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { FeedFilter } from './feed-event.js'
import { FEED_FORMATS, feedPath, type FeedFormat } from './feed-urls.js'

const LABELS: Record<FeedFormat, string> = { atom: 'Atom', rss: 'RSS', json: 'JSON Feed', ics: 'maintenance calendar' }

/** The filter a page path stands for: a component page, a location tab, else everything. */
function scopedFilter(path: string): Exclude<FeedFilter, { kind: 'all' }> | null {
  const url = new URL(path, 'http://page.invalid')
  const component = /^\/components\/([^/]+)$/.exec(url.pathname)
  if (component !== null) {
    try {
      return { kind: 'component', name: decodeURIComponent(component[1]!) }
    } catch {
      return null
    }
  }
  const location = url.pathname === '/' ? url.searchParams.get('location') : null
  return location === null || location === '' ? null : { kind: 'location', name: location }
}

const Links: FC<{ filter: FeedFilter; title: string }> = ({ filter, title }) => (
  <>
    {(Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => (
      <link rel="alternate" type={FEED_FORMATS[format]} href={feedPath(filter, format)} title={`${title} (${LABELS[format]})`} />
    ))}
  </>
)

/**
 * The feed links of a page at `path`.
 *
 * @example
 * <FeedLinks path="/components/compute" siteName="Example cloud" />
 */
export const FeedLinks: FC<{ path: string; siteName: string }> = ({ path, siteName }) => {
  const scoped = scopedFilter(path)
  return (
    <>
      <Links filter={{ kind: 'all' }} title={siteName} />
      {scoped === null ? '' : <Links filter={scoped} title={`${siteName}: ${scoped.name}`} />}
    </>
  )
}
