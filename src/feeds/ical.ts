/**
 * An iCalendar (RFC 5545) writer for maintenance windows: CRLF line ends, lines folded at 75
 * octets without splitting a UTF-8 character, TEXT values escaped (`\\`, `;`, `,`, newlines),
 * times in UTC.
 *
 * @module
 */

/** One VEVENT. */
export interface CalendarEvent {
  /** Stable across every change of the event. */
  uid: string
  /** Raised on every change. */
  sequence: number
  status: 'CONFIRMED' | 'CANCELLED'
  start: number
  end: number
  created: number
  /** The last revision (DTSTAMP and LAST-MODIFIED: no METHOD, so DTSTAMP is the revision time). */
  lastModified: number
  summary: string
  description: string
  url: string
}

const MAX_OCTETS = 75
// CTLs other than HTAB are not allowed in TEXT (RFC 5545 §3.3.11); newlines are escaped first.
const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F]/g

/**
 * Escapes a TEXT value.
 *
 * @example
 * escapeText('a, b; c\\d\ne') // 'a\\, b\\; c\\\\d\\ne'
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(CONTROL, '')
}

/**
 * Folds one content line: at most 75 octets per line, continuation lines start with a space.
 *
 * @example
 * foldLine('DESCRIPTION:' + 'x'.repeat(80)) // 'DESCRIPTION:xxx…\r\n xxxxx…'
 */
export function foldLine(line: string): string {
  const lines: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8')
    if (octets + size > MAX_OCTETS) {
      lines.push(current)
      current = ' '
      octets = 1
    }
    current += char
    octets += size
  }
  lines.push(current)
  return lines.join('\r\n')
}

/** A UTC date-time in the basic format, e.g. `20261206T220456Z`. */
export function icalTime(at: number): string {
  return `${new Date(at).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`
}

function vevent(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${icalTime(event.lastModified)}`,
    `CREATED:${icalTime(event.created)}`,
    `LAST-MODIFIED:${icalTime(event.lastModified)}`,
    `SEQUENCE:${event.sequence}`,
    `STATUS:${event.status}`,
    `DTSTART:${icalTime(event.start)}`,
    `DTEND:${icalTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    `URL:${event.url}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ]
}

/**
 * A whole calendar.
 *
 * @example
 * icalendar({ name: 'Example cloud maintenance', events }) // 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n…'
 */
export function icalendar(input: { name: string; events: readonly CalendarEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Glasshouse//Maintenance calendar//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(input.name)}`,
    ...input.events.flatMap(vevent),
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
