import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { escapeText, foldLine, windowUid } from '../../src/feeds/index.js'
import { feedFixture, type FeedFixture } from './fixture.js'

let fixture: FeedFixture
before(async () => {
  fixture = await feedFixture()
})
after(async () => {
  await fixture.dispose()
})

/** Unfolds content lines (RFC 5545 §3.1) after checking CRLF and the 75-octet limit. */
function contentLines(body: string): string[] {
  assert.ok(body.endsWith('\r\n'), 'ends with CRLF')
  assert.doesNotMatch(body.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF')
  const physical = body.slice(0, -2).split('\r\n')
  for (const line of physical) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `over 75 octets: ${line}`)
  return body.slice(0, -2).replace(/\r\n /g, '').split('\r\n')
}

/** The VEVENTs as property maps (name → value), after checking BEGIN/END nesting. */
function vevents(lines: readonly string[]): Map<string, string>[] {
  assert.equal(lines[0], 'BEGIN:VCALENDAR')
  assert.equal(lines.at(-1), 'END:VCALENDAR')
  const events: Map<string, string>[] = []
  let current: Map<string, string> | null = null
  for (const line of lines.slice(1, -1)) {
    if (line === 'BEGIN:VEVENT') {
      assert.equal(current, null, 'VEVENTs do not nest')
      current = new Map()
    } else if (line === 'END:VEVENT') {
      events.push(current!)
      current = null
    } else if (current !== null) {
      const colon = line.indexOf(':')
      current.set(line.slice(0, colon), line.slice(colon + 1))
    }
  }
  assert.equal(current, null, 'every VEVENT ends')
  return events
}

async function calendar(path = '/maintenance.ics'): Promise<Map<string, Map<string, string>>> {
  const res = await fixture.app.request(path)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8')
  const lines = contentLines(await res.text())
  for (const required of ['VERSION:2.0', 'PRODID:-//Glasshouse//Maintenance calendar//EN']) assert.ok(lines.includes(required), required)
  return new Map(vevents(lines).map((event) => [event.get('UID')!, event]))
}

describe('the iCal maintenance calendar', () => {
  test('one VEVENT per public window, with a stable UID, DTSTAMP, times in UTC and escaped text', async () => {
    const events = await calendar()
    assert.deepEqual([...events.keys()].sort(), [windowUid(fixture.ids.futureWindow), windowUid(fixture.ids.cancelledWindow)].sort(), 'the simulated window is left out')
    const storage = events.get(windowUid(fixture.ids.futureWindow))!
    assert.equal(storage.get('SUMMARY'), 'Storage firmware\\, phase 1\\; racks A\\,B \\\\ C')
    assert.equal(storage.get('DESCRIPTION'), 'Affected: Object storage (all locations)\\n\\nRolling **upgrade**.\\nNo downtime expected\\; really\\, none.')
    assert.equal(storage.get('STATUS'), 'CONFIRMED')
    assert.equal(storage.get('SEQUENCE'), '0')
    for (const property of ['DTSTAMP', 'DTSTART', 'DTEND']) assert.match(storage.get(property) ?? '', /^\d{8}T\d{6}Z$/, property)
    assert.deepEqual([...(await calendar()).keys()], [...events.keys()], 'UIDs are the same on every request')
  })

  test('a cancelled window is STATUS:CANCELLED with a raised SEQUENCE', async () => {
    const cancelled = (await calendar()).get(windowUid(fixture.ids.cancelledWindow))!
    assert.equal(cancelled.get('STATUS'), 'CANCELLED')
    assert.equal(cancelled.get('SEQUENCE'), '1')
  })

  test('every change of a window raises its SEQUENCE and keeps its UID', async () => {
    const now = Date.now()
    const declared = (title: string) => ({
      incidents: [],
      maintenance: [{ name: 'kernel', title, description: null, targets: [{ component: 'compute', locations: ['R1'] }], start: now + 5 * 86_400_000, end: now + 5 * 86_400_000 + 3_600_000, source: 'glasshouse.yaml:1' }],
    })
    await fixture.service.syncFromConfig(declared('Kernel updates'), now)
    const created = [...(await calendar()).values()].find((event) => event.get('SUMMARY') === 'Kernel updates')!
    assert.equal(created.get('SEQUENCE'), '0')
    await fixture.service.syncFromConfig(declared('Kernel updates, moved'), now + 1)
    const moved = (await calendar()).get(created.get('UID')!)!
    assert.equal(moved.get('SUMMARY'), 'Kernel updates\\, moved')
    assert.equal(moved.get('SEQUENCE'), '1')
    await fixture.service.syncFromConfig({ incidents: [], maintenance: [] }, now + 2)
    const removed = (await calendar()).get(created.get('UID')!)!
    assert.equal(removed.get('SEQUENCE'), '2')
    assert.equal(removed.get('STATUS'), 'CANCELLED', 'a scheduled window removed from config is cancelled')
  })

  test('a component’s calendar lists only its windows; the simulated component has none', async () => {
    assert.deepEqual([...(await calendar('/feeds/components/storage.ics')).keys()], [windowUid(fixture.ids.futureWindow)])
    assert.equal((await fixture.app.request('/feeds/components/sim.ics')).status, 404)
  })
})

describe('iCal text', () => {
  test('escapes backslash, semicolon, comma and every newline', () => {
    assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng')
  })

  test('folding keeps every line within 75 octets, never splits a character, and unfolds to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${escapeText(text)}`
        const folded = foldLine(line)
        for (const physical of folded.split('\r\n')) {
          assert.ok(Buffer.byteLength(physical, 'utf8') <= 75)
          assert.equal(Buffer.from(physical, 'utf8').toString('utf8'), physical, 'no surrogate pair split')
        }
        assert.equal(folded.replace(/\r\n /g, ''), line)
      }),
    )
    assert.equal(foldLine('x'.repeat(75)), 'x'.repeat(75), 'exactly 75 octets stay on one line')
    assert.equal(foldLine('é'.repeat(38)), `${'é'.repeat(37)}\r\n é`, 'a two-octet character is not split at octet 75')
  })
})
