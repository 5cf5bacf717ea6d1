/**
 * The public web pages.
 *
 * @module
 */
export { renderStatusPage } from './status-page.js'
