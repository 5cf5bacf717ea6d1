/**
 * The public web pages.
 *
 * @module
 */
export { registerPublicPages, type PublicPagesDeps } from './public-pages.js'
export { renderStatusPage, type StatusPageInput } from './status-page.js'
export { renderMethodologyPage, loadMethodologyPages, registerMethodologyPage, headingSlug, METHODOLOGY_FILE, METHODOLOGY_FILES, type MethodologyPages } from './methodology-page.js'
export { renderText, renderDocument } from './markdown.js'
export { pickLanguage, fromAcceptLanguage, LANGUAGES, catalogue, type Catalogue, type Language } from './i18n/index.js'
export { dayState } from './day-bars.js'
export { baseUrl, trustedProxies, type ProxyTrust } from './public-url.js'
export { percent } from './format.js'
export { createPageDataReader, type PageData, type PageDataReader } from './page-data.js'
