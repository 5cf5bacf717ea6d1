/**
 * Reading the mails aiosmtpd stored: headers (unfolded) and the decoded text.
 *
 * @module
 */

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); blanks between two of them go. */
function encodedWords(text: string): string {
  return text.replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?([QB])\?(.*?)\?=/gi, (_, kind: string, body: string) => {
    if (kind.toUpperCase() === 'B') return Buffer.from(body, 'base64').toString('utf8')
    const bytes = body.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => `%${hex}`)
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'))
  })
}

/** A header of a raw message (folded lines joined, encoded words decoded). */
export function header(message: string, name: string): string | undefined {
  const unfolded = message.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ')
  const value = new RegExp(`^${name}: (.*)$`, 'mi').exec(unfolded)?.[1]?.trim()
  return value === undefined ? undefined : encodedWords(value)
}

/** The message with quoted-printable soft breaks and escapes decoded (enough to find links in it). */
export function decoded(message: string): string {
  return message.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

/** The first link in a message below `prefix`. */
export function linkIn(message: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const found = new RegExp(`${escaped}[A-Za-z0-9_-]+`).exec(decoded(message))?.[0]
  if (found === undefined) throw new Error(`no link ${prefix}… in the message`)
  return found
}
