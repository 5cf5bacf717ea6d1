/**
 * The SLA report as text: Markdown, CSV and JSON. Every percentage stands beside its no-data
 * and maintenance time.
 *
 * @module
 */
import { formatDuration } from '../core/index.js'
import { localDateTime } from './calendar.js'
import type { AvailabilityReport, ReportRow } from './report.js'

/** The formats `glasshouse report availability --format` offers. */
export const REPORT_FORMATS = ['md', 'csv', 'json'] as const
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/**
 * A fraction as a percentage, cut (never rounded up) to `digits` decimals: 99.99996 % prints
 * as 99.999 %, never as 100.000 %. Null (nothing measured) prints as `n/a`.
 *
 * @example
 * formatPercent(0.9972733, 3) // '99.727'
 */
export function formatPercent(fraction: number | null, digits = 3): string {
  if (fraction === null) return 'n/a'
  const scale = 10 ** digits
  // The small epsilon keeps exact values such as 0.29 from printing as 28.999 after float scaling.
  const cut = Math.floor(fraction * 100 * scale + 1e-6) / scale
  return cut.toFixed(digits)
}

/**
 * A latency for people: µs below 1 ms, one decimal below 100 ms, whole ms above.
 *
 * @example
 * formatLatency(120.29) // '120 ms'
 */
export function formatLatency(ms: number | null): string {
  if (ms === null) return 'n/a'
  if (ms < 1) return `${Math.round(ms * 1000)} µs`
  if (ms < 100) return `${ms.toFixed(1)} ms`
  return `${Math.round(ms)} ms`
}

function duration(ms: number): string {
  return formatDuration(Math.round(ms))
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}

function markdownRow(row: ReportRow): string {
  const m = row.measured
  const d = row.declared
  const measured = m.availability === null ? 'n/a' : `${formatPercent(m.availability)} %`
  const declared = d.availability === null ? 'n/a' : `${formatPercent(d.availability)} %`
  const cells = [
    row.component,
    row.location,
    measured,
    duration(m.noDataMs),
    duration(m.maintenanceMs),
    duration(m.excludedMs),
    duration(m.downMs),
    declared,
    duration(d.maintenanceMs),
    duration(d.downMs),
    formatLatency(m.p50Ms),
    formatLatency(m.p95Ms),
    formatLatency(m.p99Ms),
    String(m.count),
    String(m.failures),
  ]
  return `| ${cells.map(cell).join(' | ')} |`
}

const MD_HEADER = [
  '| Component | Location | Measured | No data | Maintenance | Excluded | Down | Declared | Declared maintenance | Declared down | p50 | p95 | p99 | Results | Failures |',
  '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
]

/**
 * The report as Markdown: one table per month (and one for the whole range).
 *
 * @example
 * process.stdout.write(formatReportMarkdown(report))
 */
export function formatReportMarkdown(report: AvailabilityReport): string {
  const zone = report.timeZone
  const weights = Object.entries(report.weights).map(([name, weight]) => `${name} ${weight}`).join(', ')
  const lines = [
    '# Availability report',
    '',
    `Range: ${localDateTime(report.from, zone)} – ${localDateTime(report.to, zone)} (${zone}); generated ${new Date(report.generatedAt).toISOString()}.`,
    '',
    'Measured: time-weighted from probe results. Declared: from incidents, each impact weighted by its severity level',
    `(${weights}). No data, maintenance and excluded time are outside every percentage's denominator and printed beside it.`,
    'Percentages are cut, not rounded. How each number is computed: docs/methodology.md.',
  ]
  const periods = [...new Set(report.rows.map((row) => row.period))]
  for (const period of periods) {
    const rows = report.rows.filter((row) => row.period === period)
    const first = rows[0]!
    const title = period === 'total' ? 'Whole range' : period
    lines.push('', `## ${title} (${localDateTime(first.from, zone)} – ${localDateTime(first.to, zone)}, ${duration(first.to - first.from)})`, '')
    lines.push(...MD_HEADER, ...rows.map(markdownRow))
  }
  return `${lines.join('\n')}\n`
}

const CSV_COLUMNS = [
  'component', 'location', 'period', 'from', 'to',
  'measured_percent', 'up_ms', 'down_ms', 'no_data_ms', 'maintenance_ms', 'excluded_ms',
  'declared_percent', 'declared_up_ms', 'declared_down_ms', 'declared_maintenance_ms',
  'p50_ms', 'p95_ms', 'p99_ms', 'results', 'failures',
] as const

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function millis(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000
}

/**
 * The report as CSV (RFC 4180, header row, ISO instants, ms figures; empty = not measured).
 *
 * @example
 * formatReportCsv(report).split('\n')[0] // 'component,location,period,from,to,measured_percent,…'
 */
export function formatReportCsv(report: AvailabilityReport): string {
  const lines = report.rows.map((row) => {
    const m = row.measured
    const d = row.declared
    const percent = (value: number | null): string | null => (value === null ? null : formatPercent(value, 4))
    return [
      row.component, row.location, row.period, new Date(row.from).toISOString(), new Date(row.to).toISOString(),
      percent(m.availability), m.upMs, m.downMs, m.noDataMs, m.maintenanceMs, m.excludedMs,
      percent(d.availability), d.upMs, d.downMs, d.maintenanceMs,
      millis(m.p50Ms), millis(m.p95Ms), millis(m.p99Ms), m.count, m.failures,
    ].map(csvField).join(',')
  })
  return `${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`
}

/**
 * The report as JSON: the report data itself, fractions unrounded, instants as epoch ms and ISO.
 *
 * @example
 * JSON.parse(formatReportJson(report)).rows[0].measured.availability
 */
export function formatReportJson(report: AvailabilityReport): string {
  const iso = (ms: number): string => new Date(ms).toISOString()
  const data = {
    ...report,
    fromIso: iso(report.from),
    toIso: iso(report.to),
    rows: report.rows.map((row) => ({ ...row, fromIso: iso(row.from), toIso: iso(row.to) })),
  }
  return `${JSON.stringify(data, null, 2)}\n`
}

/**
 * The report in one of {@link REPORT_FORMATS}.
 *
 * @example
 * formatReport(report, 'csv')
 */
export function formatReport(report: AvailabilityReport, format: ReportFormat): string {
  if (format === 'csv') return formatReportCsv(report)
  if (format === 'json') return formatReportJson(report)
  return formatReportMarkdown(report)
}
