/**
 * The public side of postmortems: the list, the permalink pages, the Atom feed, and the links
 * other pages (incidents, history, components) show — all rendered from the redacted projection.
 * The site's page renderers import `links.tsx` and `words.ts` directly: importing this index
 * from them would loop back through the routes to the pages.
 *
 * @module
 */
export { registerPostmortemPages, componentNames, type PostmortemPagesDeps, type PublishedPostmortems } from './routes.js'
export { componentPostmortems, incidentPostmortems, postmortemsByIncident, publishedProjections, type PostmortemLink } from './links.js'
export { POSTMORTEM_FEED_PATH } from './styles.js'
