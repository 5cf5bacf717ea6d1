/**
 * Embeds of the public status on other sites: SVG badges, the iframe widget and its script-free
 * snippet.
 *
 * @module
 */
export { registerEmbeds, type EmbedDeps } from './routes.js'
export { renderBadge, xmlEscape, type BadgeInput } from './badge.js'
export { textWidth } from './text-width.js'
