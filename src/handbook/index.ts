/**
 * The open handbook: Markdown pages from a folder of the config repository, stored as revisions
 * on each load and published at `/handbook` with contents, search and change history.
 *
 * @module
 */
export { registerHandbookRoutes, type HandbookRoutesDeps } from './routes.js'
export { syncHandbook, type HandbookSyncReport } from './sync.js'
export { searchHandbook, searchTerms, type SearchHit } from './search.js'
export { diffHunks, diffLines, type DiffHunk, type DiffLine } from './diff.js'
export { DiffHunksView } from './diff-view.js'
export { renderHandbookBody, type TocEntry } from './content.js'
export { handbookFolder, loadHandbook, type HandbookLog } from './load.js'
