import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  buildAvailabilityReport,
  formatLatency,
  formatPercent,
  formatReport,
  localDateStart,
  rollupBucket,
  type FeedSample,
} from './index.js'

const H = 3_600_000
const FROM = localDateStart('2025-10-01', 'Europe/Berlin')
const TO = localDateStart('2025-12-01', 'Europe/Berlin')

describe('SLA report', () => {
  test('percentages are cut, never rounded up to a better figure', () => {
    assert.equal(formatPercent(0.9999999), '99.999')
    assert.equal(formatPercent(0.0029), '0.290')
    assert.equal(formatPercent(1), '100.000')
    assert.equal(formatPercent(null), 'n/a')
    assert.equal(formatPercent(0.99728445, 4), '99.7284')
    assert.deepEqual([formatLatency(0.25), formatLatency(12.345), formatLatency(1234.5)], ['250 µs', '12.3 ms', '1235 ms'])
  })

  test('a range of two months has a row per month and one for the whole range', () => {
    const sample: FeedSample = { at: FROM, durationMs: 3, ok: true, countsAgainst: true, vantage: 'local', intervalMs: 2 * H, resultId: 'a', feed: 'f' }
    const record = rollupBucket([sample], { from: FROM, to: FROM + 24 * H })
    const report = buildAvailabilityReport({
      from: FROM,
      to: TO,
      timeZone: 'Europe/Berlin',
      generatedAt: TO,
      measured: [{ series: { component: 'a|b', location: 'x,"y"' }, records: [record] }],
      impacts: [],
    })
    assert.deepEqual(report.rows.map((row) => [row.period, (row.to - row.from) / H, row.measured.upMs / H, row.measured.noDataMs / H]), [
      ['2025-10', 745, 3, 742],
      ['2025-11', 720, 0, 720],
      ['total', 1465, 3, 1462],
    ])
    assert.match(formatReport(report, 'md'), /\| a\\\|b \| x,"y" \| 100\.000 % \| 30d22h \|/)
    assert.match(formatReport(report, 'csv'), /\r\na\|b,"x,""y""",2025-10,/)
    assert.equal(JSON.parse(formatReport(report, 'json')).rows.length, 3)
  })

  test('a record that straddles a month boundary is refused, not silently split', () => {
    const record = rollupBucket([], { from: TO - 48 * H, to: TO + H })
    assert.throws(
      () => buildAvailabilityReport({ from: FROM, to: TO + 24 * H, timeZone: 'Europe/Berlin', generatedAt: 0, measured: [{ series: { component: 'c', location: 'l' }, records: [record] }], impacts: [] }),
      RangeError,
    )
  })
})
