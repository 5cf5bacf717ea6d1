/**
 * Tiny globs (`*` any run of characters, `?` one character), used by `pat()` and redaction.
 * Matched with the two-pointer algorithm, not a regular expression, so a pattern like
 * `*a*a*a*b` against a megabyte body cannot backtrack for minutes.
 *
 * @module
 */

/**
 * Whether `text` matches `glob` as a whole; other characters match literally.
 *
 * @example
 * matchesGlob('api-eu-1', 'api-*')              // true
 * matchesGlob('X-Auth-Token', '*token*', true)  // true
 */
export function matchesGlob(text: string, glob: string, ignoreCase = false): boolean {
  const subject = ignoreCase ? text.toLowerCase() : text
  const pattern = ignoreCase ? glob.toLowerCase() : glob
  let t = 0
  let p = 0
  let starAt = -1
  let resumeAt = 0
  while (t < subject.length) {
    const wanted = pattern[p]
    if (wanted === '*') {
      starAt = p++
      resumeAt = t
    } else if (wanted !== undefined && (wanted === '?' || wanted === subject[t])) {
      p++
      t++
    } else if (starAt >= 0) {
      p = starAt + 1
      t = ++resumeAt
    } else {
      return false
    }
  }
  while (pattern[p] === '*') p++
  return p === pattern.length
}
