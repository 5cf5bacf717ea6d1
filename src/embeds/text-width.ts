/**
 * Width of badge text, without a font engine: Verdana at 11 px (the badges' first font) in
 * classes of characters whose advance widths lie close together. Good to a pixel or two per
 * word, which is all a badge's padding needs; unknown characters (other scripts, emoji) count as
 * wide, so text never overflows its box.
 *
 * @module
 */

/** Advance width in px of Verdana 11 px per character class. */
const CLASSES: readonly [RegExp, number][] = [
  [/[ilj.,:;'|!`]/, 3.3],
  [/ /, 3.9],
  [/[fIrt()[\]{}/\\-]/, 4.6],
  [/[0-9]/, 7],
  [/[mwMW@%]/, 10.4],
  [/[A-HJ-LN-VX-Z&#]/, 7.6],
  [/[a-hknopqsuvxyz?+=*<>_~^$"]/, 6.6],
]
/** Anything not in a class: wider than any Latin letter but `m`. */
const OTHER = 8.5

/**
 * The width in px of `text` at Verdana 11 px, rounded up.
 *
 * @example
 * textWidth('operational') // 62
 */
export function textWidth(text: string): number {
  let width = 0
  for (const char of text) width += CLASSES.find(([pattern]) => pattern.test(char))?.[1] ?? OTHER
  return Math.ceil(width)
}
