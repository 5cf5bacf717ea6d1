/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The public status page: server-rendered, complete without JavaScript, every state in words and
 * an icon (never colour alone), every time in a `<time datetime>`.
 *
 * @module
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises'
import { raw } from 'hono/html'
import type { FC } from 'hono/jsx'
import type { PublicState } from '../core/public-state.js'
import { STATE_TABLE } from '../core/state-table.js'
import { NO_LOCATION } from '../core/series.js'
import type { ComponentStatus, LocationStatus, StatusSnapshot } from '../status/index.js'
import { ago, every, latency } from './format.js'
import { STYLES } from './styles.js'
import { OpenIncidentsSection, type PagePhaseNames } from './incidents-section.js'

const OVERALL_TEXT: Record<PublicState, string> = {
  operational: 'All systems operational',
  degraded: 'Some systems degraded',
  no_data: 'Not all systems are measured right now',
  partial_outage: 'Partial outage in progress',
  major_outage: 'Major outage in progress',
  maintenance: 'Maintenance in progress',
}

const StateLabel: FC<{ state: PublicState }> = ({ state }) => {
  const words = STATE_TABLE[state]
  return (
    <span class={`state state-${words.css}`}>
      <span class="icon" aria-hidden="true">
        {words.icon}
      </span>{' '}
      {words.label}
    </span>
  )
}

const Measured: FC<{ location: LocationStatus; now: number }> = ({ location, now }) => {
  if (location.lastMeasuredAt === null) return <span>Not measured yet · {location.reason}</span>
  const at = new Date(location.lastMeasuredAt).toISOString()
  return (
    <span>
      Last measured <time datetime={at}>{ago(location.lastMeasuredAt, now)}</time>
      {location.lastDurationMs === null ? '' : ` in ${latency(location.lastDurationMs)}`} · {location.reason}
    </span>
  )
}

function method(location: LocationStatus): string {
  return location.measuredBy.map((by) => `${by.kind.toUpperCase()} check every ${every(by.intervalMs)}`).join(', ')
}

const NotRepresentative: FC<{ note: NonNullable<LocationStatus['notRepresentative']> }> = ({ note }) => {
  const since = new Date(note.since).toISOString()
  return (
    <>
      <span class="marked" role="note">
        <strong>{note.label.charAt(0).toUpperCase() + note.label.slice(1)}</strong> (since{' '}
        <time datetime={since}>{since.replace('T', ' ').slice(0, 16)} UTC</time>): {note.reason}
      </span>{' '}
      ·{' '}
    </>
  )
}

const LocationLine: FC<{ location: LocationStatus; now: number; split: boolean }> = ({ location, now, split }) => (
  <span class="detail">
    {split ? (
      <>
        <strong>{location.location}</strong> <StateLabel state={location.state} /> ·{' '}
      </>
    ) : (
      ''
    )}
    {location.notRepresentative ? <NotRepresentative note={location.notRepresentative} /> : ''}
    <Measured location={location} now={now} /> · {method(location)}
  </span>
)

const ComponentRow: FC<{ component: ComponentStatus; now: number }> = ({ component, now }) => {
  const split = component.locations.length > 1 || component.locations.some((l) => l.location !== NO_LOCATION)
  return (
    <li id={`component-${component.name}`}>
      <span class="name">{component.displayName}</span>
      <StateLabel state={component.state} />
      {component.locations.map((location) => (
        <LocationLine location={location} now={now} split={split} />
      ))}
    </li>
  )
}

const HowMeasured: FC = () => (
  <section class="method" aria-labelledby="method">
    <h2 id="method">How these states are decided</h2>
    <p>
      Each component is checked from this server on a fixed interval, per location. Health rules turn the stored
      measurements into a measured state; open incidents can declare a worse one; the worse of the two is shown, and a
      maintenance window shows as maintenance. A change needs two evaluations in a row, so one failed check never
      flips the page. When an operator marks a location's measurements not representative (say, our own probe host
      lost its network), it shows only what incidents and maintenance declare, always with the label "measurement not
      representative" and the operator's public reason beside it.
    </p>
    <dl class="states">
      {(['operational', 'degraded', 'no_data', 'partial_outage', 'major_outage', 'maintenance'] as const).map((state) => (
        <>
          <dt>
            {STATE_TABLE[state].icon} {STATE_TABLE[state].label}
          </dt>
          <dd>{MEANING[state]}</dd>
        </>
      ))}
    </dl>
    <p>
      Details: <a href="/api/v1/status">the same states as JSON</a>, with the rule, flags and values behind each.
    </p>
  </section>
)

const MEANING: Record<PublicState, string> = {
  operational: 'The health rules find nothing wrong.',
  degraded: 'Slower than its latency threshold, or a declared minor impact.',
  no_data: 'No recent measurement exists. Missing data is never shown as operational.',
  partial_outage: 'Part of the checks fail (error rate over its threshold), or a declared partial outage.',
  major_outage: 'The checks fail now, or a declared major outage.',
  maintenance: 'A scheduled maintenance window covers it.',
}

const ROWS_PER_SLICE = 100

/** Renders the component rows a slice at a time, yielding between slices: a page of thousands
 * of components must not hold the event loop that starts the probes. */
async function renderRows(snapshot: StatusSnapshot): Promise<string> {
  let rows = ''
  for (let start = 0; start < snapshot.components.length; start += ROWS_PER_SLICE) {
    if (start > 0) await yieldToLoop()
    for (const component of snapshot.components.slice(start, start + ROWS_PER_SLICE)) {
      rows += (<ComponentRow component={component} now={snapshot.generatedAt} />).toString()
    }
  }
  return rows
}

/**
 * Renders the whole page (with its doctype) for a status snapshot.
 *
 * @example
 * const html = await renderStatusPage({ title: 'Glasshouse', snapshot, refreshSeconds: 30 })
 */
export async function renderStatusPage(options: { title: string; snapshot: StatusSnapshot; refreshSeconds: number; phaseNames?: PagePhaseNames }): Promise<string> {
  const rows = await renderRows(options.snapshot)
  return `<!doctype html>${(<StatusPage {...options} rows={rows} />).toString()}`
}

const StatusPage: FC<{ title: string; snapshot: StatusSnapshot; refreshSeconds: number; rows: string; phaseNames?: PagePhaseNames }> = ({
  title,
  snapshot,
  refreshSeconds,
  rows,
  phaseNames,
}) => {
  const generated = new Date(snapshot.generatedAt).toISOString()
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content={String(refreshSeconds)} />
        <title>{`${title} status`}</title>
        <style>{raw(STYLES)}</style>
      </head>
      <body>
        <header>
          <h1>{title} status</h1>
          <p class={`banner state-${STATE_TABLE[snapshot.overall].css}`} role="status">
            <span class="icon" aria-hidden="true">
              {STATE_TABLE[snapshot.overall].icon}
            </span>{' '}
            {OVERALL_TEXT[snapshot.overall]}
            <small>
              As of <time datetime={generated}>{generated.replace('T', ' ').slice(0, 19)} UTC</time>
            </small>
          </p>
        </header>
        <main>
          <OpenIncidentsSection incidents={snapshot.incidents} names={phaseNames ?? {}} now={snapshot.generatedAt} />
          <h2>Components</h2>
          {snapshot.components.length === 0 ? (
            <p>No components are configured.</p>
          ) : (
            <ul class="components">
              {raw(rows)}
            </ul>
          )}
          <HowMeasured />
        </main>
        <footer>
          <p>
            Data: <a href="/api/v1/status">/api/v1/status</a> (JSON) · <a href="/api/v1/openapi.json">API</a> ·{' '}
            <a href="/methodology">How every number is computed</a> ·
            Powered by Glasshouse
          </p>
        </footer>
      </body>
    </html>
  )
}
