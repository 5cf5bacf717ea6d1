/**
 * Flat SVG badges in the shape shields.io made common: a grey label on the left, a coloured value
 * on the right, a `<title>` and `aria-label` for screen readers, and every text XML-escaped.
 *
 * @module
 */
import { textWidth } from './text-width.js'

/** What a badge says. */
export interface BadgeInput {
  label: string
  value: string
  /** Background of the value (hex). */
  colour: string
}

const PADDING = 6
const HEIGHT = 20
const LABEL_COLOUR = '#555'

const XML_ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' }
/** Characters XML 1.0 forbids outright (no escape exists for them). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

/**
 * Escapes text for XML content and attribute values; characters XML cannot carry are dropped.
 *
 * @example
 * xmlEscape('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function xmlEscape(text: string): string {
  return text.replace(NOT_XML, '').replace(/[<>&"']/g, (char) => XML_ENTITIES[char]!)
}

/** Text that reads dark on `colour` or light on it, whichever contrasts more (WCAG luminance). */
function textColourOn(colour: string): string {
  const hex = colour.replace('#', '')
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const channel = (i: number) => {
    const value = parseInt(full.slice(i, i + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#fff' : '#111'
}

function text(content: string, centre: number, fill: string): string {
  const shadow = fill === '#fff' ? `<text x="${centre}" y="15" fill="#010101" fill-opacity=".3" aria-hidden="true">${content}</text>` : ''
  return `${shadow}<text x="${centre}" y="14" fill="${fill}">${content}</text>`
}

/**
 * The SVG of a badge.
 *
 * @example
 * renderBadge({ label: 'status', value: 'Operational', colour: '#2e7d32' }) // '<svg xmlns=… role="img" aria-label="status: Operational">…'
 */
export function renderBadge(input: BadgeInput): string {
  const labelWidth = textWidth(input.label) + 2 * PADDING
  const valueWidth = textWidth(input.value) + 2 * PADDING
  const width = labelWidth + valueWidth
  const label = xmlEscape(input.label)
  const value = xmlEscape(input.value)
  const colour = /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(input.colour) ? input.colour : '#6b6b6b'
  const title = `${label}: ${value}`
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT}" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<linearGradient id="gloss" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="round"><rect width="${width}" height="${HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#round)"><rect width="${labelWidth}" height="${HEIGHT}" fill="${LABEL_COLOUR}"/><rect x="${labelWidth}" width="${valueWidth}" height="${HEIGHT}" fill="${colour}"/><rect width="${width}" height="${HEIGHT}" fill="url(#gloss)"/></g>`,
    `<g text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    text(label, labelWidth / 2, '#fff'),
    text(value, labelWidth + valueWidth / 2, textColourOn(colour)),
    `</g></svg>`,
  ].join('')
}
