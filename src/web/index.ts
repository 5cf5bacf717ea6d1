/**
 * The public web pages.
 *
 * @module
 */
export { registerPublicPages, type PublicPagesDeps } from './public-pages.js'
export { renderStatusPage, type StatusPageInput } from './status-page.js'
export { renderMethodologyPage, loadMethodologyPage, headingSlug, METHODOLOGY_FILE } from './methodology-page.js'
export { renderText, renderDocument } from './markdown.js'
export { pickLanguage, fromAcceptLanguage, LANGUAGES, type Language } from './i18n/index.js'
export { dayState } from './day-bars.js'
