/**
 * The public feeds: Atom, RSS 2.0 and JSON Feed 1.1 of every event (incident opened, updated,
 * resolved; maintenance announced, started, completed, cancelled), for everything, one component
 * or one location, and the iCal calendar of maintenance windows; plus the `<link rel="alternate">`
 * tags the public pages carry in their head.
 *
 * @module
 */
export { registerFeeds, FEED_CACHE_CONTROL, type FeedsDeps } from './routes.js'
export { FeedLinks } from './feed-links.js'
export { FEED_FORMATS, feedPath, type FeedFormat } from './feed-urls.js'
export { FEED_ENTRY_LIMIT, type FeedEvent, type FeedEventKind, type FeedFilter } from './feed-event.js'
export { atomFeed } from './atom.js'
export { entryId } from './entry-id.js'
export type { FeedDocument } from './feed-document.js'
export { escapeText, foldLine } from './ical.js'
export { windowUid } from './maintenance-calendar.js'
