/**
 * The little XML the Atom and RSS writers need: escaped text and attributes (characters XML 1.0
 * forbids are dropped, so operator text can never make a feed ill-formed) and elements.
 *
 * @module
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Text safe inside an element or a quoted attribute.
 *
 * @example
 * escapeXml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/**
 * An element with escaped attributes; `body` is already XML (use {@link text} for text).
 *
 * @example
 * element('link', { href: 'https://x/' }) // '<link href="https://x/"/>'
 */
export function element(name: string, attributes: Record<string, string>, body?: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('')
  return body === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${body}</${name}>`
}

/**
 * An element holding escaped text.
 *
 * @example
 * text('title', 'A & B') // '<title>A &amp; B</title>'
 */
export function text(name: string, value: string, attributes: Record<string, string> = {}): string {
  return element(name, attributes, escapeXml(value))
}
