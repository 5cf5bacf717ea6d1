/**
 * The public web pages.
 *
 * @module
 */
export { StatusPage } from './status-page.js'
