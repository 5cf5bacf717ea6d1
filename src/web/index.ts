/**
 * The public web pages.
 *
 * @module
 */
export { renderStatusPage } from './status-page.js'
export { renderMethodologyPage, loadMethodologyPage, headingSlug, METHODOLOGY_FILE } from './methodology-page.js'
