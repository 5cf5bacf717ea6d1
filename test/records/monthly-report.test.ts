/**
 * The monthly SLA report against a month computed by hand: March 2025 in Europe/Berlin, which
 * loses an hour on 2025-03-30 (CET → CEST). All instants below are UTC.
 *
 * Month: 2025-03-01 00:00 +01:00 = 2025-02-28T23:00Z … 2025-04-01 00:00 +02:00 = 2025-03-31T22:00Z
 *        = 31 × 24 h − 1 h = 743 h.
 *
 * compute@R1, check `http` every 1 h:
 *   local   — a sample on every whole hour of the month (743) except 2025-03-10T00…05Z (probe
 *             stopped, 6 missing) → 737 samples; 120 ms each, 480 ms at 12:00Z.
 *   agent-1 — samples at 2025-03-10T00, 01, 02Z only, all ok, 200 ms.
 *   failures: 03-15T10, 11Z http_5xx (count against) · 03-20T12Z quota (does not count) ·
 *             03-25T21, 22Z http_5xx inside the maintenance window 03-25T20–23Z.
 *
 *   no data:     local's 03-09T23Z sample covers to 00:30 (1.5 × 1 h cap); agent-1 covers
 *                00:00–03:30 (its 02Z sample, capped); local resumes 06:00 → 03:30–06:00 = 2.5 h
 *   down:        03-15T10–12Z = 2 h
 *   excluded:    03-20T12–13Z = 1 h
 *   maintenance: 03-25T20–23Z = 3 h
 *   up:          743 − 2.5 − 2 − 1 − 3 = 734.5 h
 *   measured:    734.5 / (734.5 + 2) = 0.99728445… → "99.728 %" (CSV 4 digits: 99.7284)
 *   results 737 + 3 = 740, failures 5.
 *   latency of the 735 passes: 702 × 120 ms, 3 × 200 ms, 30 × 480 ms (31 noons less the quota one).
 *     ranks (x[floor(q · 734)]): p50 → 367, p95 → 697 (both 120 ms), p99 → 726 (480 ms).
 *     The sketch reads bucket k = ceil(ln v / ln γ), γ = 1.01 / 0.99, back as 2γ^k / (γ + 1):
 *     120 ms → k 240 → 120.3146 ms ("120 ms"); 480 ms → k 309 → 478.2606 ms ("478 ms").
 *   declared: broken (80) 03-15T10:05–11:35Z = 1.5 h down; limited (50) 03-20T12–14Z weighs 0;
 *             maintenance (0) 03-25T20–23Z = 3 h → 1 − 1.5 / 740 = 0.99797297… → "99.797 %".
 *
 * compute@R2: never measured → 743 h no data, "n/a"; broken (100) since 03-31T20Z, still open
 *   at the month's end → 2 h down → 741 / 743 = 0.99730820… → "99.730 %".
 */
import { test, describe } from 'node:test'
import assert from 'node:assert/strict'
import {
  buildAvailabilityReport,
  dayBuckets,
  formatReportCsv,
  formatReportJson,
  formatReportMarkdown,
  localDateStart,
  rollupBuckets,
  type FeedSample,
  type Impact,
} from '../../src/records/index.js'

const H = 3_600_000
const ZONE = 'Europe/Berlin'
const at = (iso: string): number => Date.parse(iso)
const FROM = localDateStart('2025-03-01', ZONE)
const TO = localDateStart('2025-04-01', ZONE)
const R1 = { component: 'compute', location: 'R1' }
const R2 = { component: 'compute', location: 'R2' }

function localSamples(): FeedSample[] {
  const failing = new Map([
    ['2025-03-15T10', true],
    ['2025-03-15T11', true],
    ['2025-03-20T12', false],
    ['2025-03-25T21', true],
    ['2025-03-25T22', true],
  ])
  const samples: FeedSample[] = []
  for (let t = FROM; t < TO; t += H) {
    const hour = new Date(t).toISOString().slice(0, 13)
    if (hour >= '2025-03-10T00' && hour <= '2025-03-10T05') continue
    const countsAgainst = failing.get(hour)
    const noon = hour.endsWith('T12')
    samples.push({
      at: t,
      durationMs: countsAgainst === undefined ? (noon ? 480 : 120) : 5000,
      ok: countsAgainst === undefined,
      countsAgainst: countsAgainst ?? true,
      vantage: 'local',
      intervalMs: H,
      resultId: `local-${hour}`,
      feed: 'http|local',
    })
  }
  return samples
}

function agentSamples(): FeedSample[] {
  return [0, 1, 2].map((h) => ({
    at: at('2025-03-10T00:00:00Z') + h * H,
    durationMs: 200,
    ok: true,
    countsAgainst: true,
    vantage: 'agent-1',
    intervalMs: H,
    resultId: `agent-${h}`,
    feed: 'http|agent-1',
  }))
}

const maintenance = [{ from: at('2025-03-25T20:00:00Z'), to: at('2025-03-25T23:00:00Z') }]
const impacts: Impact[] = [
  { ...R1, severity: 80, from: at('2025-03-15T10:05:00Z'), to: at('2025-03-15T11:35:00Z') },
  { ...R1, severity: 50, from: at('2025-03-20T12:00:00Z'), to: at('2025-03-20T14:00:00Z') },
  { ...R1, severity: 0, ...maintenance[0]! },
  { ...R2, severity: 100, from: at('2025-03-31T20:00:00Z'), to: null },
]

function report() {
  const samples = [...localSamples(), ...agentSamples()]
  const days = dayBuckets(FROM, TO, ZONE).map((d) => ({ from: d.start, to: d.end }))
  const records = rollupBuckets(samples, days, { maintenance })
  return {
    days: records,
    report: buildAvailabilityReport({
      from: FROM,
      to: TO,
      timeZone: ZONE,
      generatedAt: at('2025-04-01T06:00:00Z'),
      measured: [{ series: R1, records }, { series: R2, records: [] }],
      impacts,
    }),
  }
}

describe('monthly SLA report (hand-computed fixture, DST month)', () => {
  test('the month is 743 hours of 31 local days, one of them 23 hours', () => {
    const { days } = report()
    assert.equal(days.length, 31)
    assert.equal(TO - FROM, 743 * H)
    const dstDay = days[29]!
    assert.equal(dstDay.bucketEnd - dstDay.bucketStart, 23 * H)
    assert.deepEqual([dstDay.upMs, dstDay.count, dstDay.availability], [23 * H, 23, 1])
  })

  test('the figures match the hand computation', () => {
    const [r1, r2] = report().report.rows
    assert.deepEqual(
      { ...r1!.measured, p50Ms: Number(r1!.measured.p50Ms!.toFixed(4)), p99Ms: Number(r1!.measured.p99Ms!.toFixed(4)) },
      { upMs: 734.5 * H, downMs: 2 * H, noDataMs: 2.5 * H, maintenanceMs: 3 * H, excludedMs: 1 * H, availability: 734.5 / 736.5, count: 740, failures: 5, p50Ms: 120.3146, p95Ms: r1!.measured.p50Ms, p99Ms: 478.2606 },
    )
    assert.deepEqual(r1!.declared, { upMs: 738.5 * H, downMs: 1.5 * H, maintenanceMs: 3 * H, availability: 738.5 / 740, byLevel: { broken: 1.5 * H, limited: 2 * H, maintenance: 3 * H } })
    assert.deepEqual([r2!.measured.noDataMs, r2!.measured.availability, r2!.measured.p50Ms], [743 * H, null, null])
    assert.deepEqual([r2!.declared.downMs, r2!.declared.availability], [2 * H, 741 / 743])
  })

  test('Markdown prints every percentage beside its no-data and maintenance time', () => {
    assert.equal(
      formatReportMarkdown(report().report),
      `# Availability report

Range: 2025-03-01 00:00 – 2025-04-01 00:00 (Europe/Berlin); generated 2025-04-01T06:00:00.000Z.

Measured: time-weighted from probe results. Declared: from incidents, each impact weighted by its severity level
(operational 0, limited 0, broken 1). No data, maintenance and excluded time are outside every percentage's denominator and printed beside it.
Percentages are cut, not rounded. How each number is computed: docs/methodology.md.

## 2025-03 (2025-03-01 00:00 – 2025-04-01 00:00, 30d23h)

| Component | Location | Measured | No data | Maintenance | Excluded | Down | Declared | Declared maintenance | Declared down | p50 | p95 | p99 | Results | Failures |
|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|
| compute | R1 | 99.728 % | 2h30m | 3h | 1h | 2h | 99.797 % | 3h | 1h30m | 120 ms | 120 ms | 478 ms | 740 | 5 |
| compute | R2 | n/a | 30d23h | 0s | 0s | 0s | 99.730 % | 0s | 2h | n/a | n/a | n/a | 0 | 0 |
`,
    )
  })

  test('CSV carries the same figures in ms, percentages to four decimals', () => {
    assert.equal(
      formatReportCsv(report().report),
      [
        'component,location,period,from,to,measured_percent,up_ms,down_ms,no_data_ms,maintenance_ms,excluded_ms,declared_percent,declared_up_ms,declared_down_ms,declared_maintenance_ms,p50_ms,p95_ms,p99_ms,results,failures',
        'compute,R1,2025-03,2025-02-28T23:00:00.000Z,2025-03-31T22:00:00.000Z,99.7284,2644200000,7200000,9000000,10800000,3600000,99.7972,2658600000,5400000,10800000,120.315,120.315,478.261,740,5',
        'compute,R2,2025-03,2025-02-28T23:00:00.000Z,2025-03-31T22:00:00.000Z,,0,0,2674800000,0,0,99.7308,2667600000,7200000,0,,,,0,0',
        '',
      ].join('\r\n'),
    )
  })

  test('JSON carries the unrounded figures', () => {
    const data = JSON.parse(formatReportJson(report().report))
    assert.equal(data.timeZone, ZONE)
    assert.equal(data.fromIso, '2025-02-28T23:00:00.000Z')
    assert.equal(data.rows[0].measured.availability, 734.5 / 736.5)
    assert.equal(data.rows[1].measured.availability, null)
    assert.equal(data.rows[1].declared.availability, 741 / 743)
    assert.deepEqual(data.weights, { operational: 0, limited: 0, broken: 1 })
  })
})
