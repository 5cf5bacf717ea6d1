/**
 * `glasshouse incident create|update|resolve|list` and `glasshouse maintenance
 * create|cancel|list`: a thin client of a running server's `/api/v1` (`--url` or
 * `GLASSHOUSE_URL`, token in `GLASSHOUSE_TOKEN`). The server validates and audits; the actor is
 * the token's name. Exit codes: 2 when the server refuses (bad input, scope), 3 when it cannot
 * be reached.
 *
 * @module
 */
import type { Command } from 'commander'
import type { ApiCall } from '../api-client.js'
import { apiAction, withClientOptions, type ClientFlags } from '../api-action.js'
import { UsageError } from '../errors.js'
import type { CliIo } from '../io.js'

interface IncidentFlags extends ClientFlags {
  title: string
  text: string
  description?: string
  phase?: string
  began?: string
  impact?: string[]
}

interface UpdateFlags extends ClientFlags {
  text: string
  phase?: string
}

interface MaintenanceFlags extends ClientFlags {
  title: string
  description?: string
  component: string[]
  start: string
  end: string
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

/** `component[@location]=severity[:type]` → an impact. */
function parseImpact(text: string): Record<string, unknown> {
  const match = /^([^@=]+)(?:@([^=]+))?=(\d+)(?::(.+))?$/.exec(text)
  if (match === null) throw new UsageError(`--impact must look like compute@RegionOne=70 or compute=70:Connectivity, not "${text}"`)
  const [, component, location, severity, type] = match
  return { component, severity: Number(severity), ...(location === undefined ? {} : { location }), ...(type === undefined ? {} : { type }) }
}

/** `component[@location,location]` → a maintenance target. */
function parseTarget(text: string): Record<string, unknown> {
  const [component, locations] = text.split('@', 2)
  return locations === undefined ? { component } : { component, locations: locations.split(',') }
}

function incidentLine(incident: { id: string; phase: string; title: string; beganAt: string; endedAt: string | null }): string {
  return `${incident.id}  ${incident.phase}  ${incident.beganAt}${incident.endedAt === null ? '' : ` – ${incident.endedAt}`}  ${incident.title}\n`
}

function windowLine(window: { id: string; status: string; start: string; end: string; title: string }): string {
  return `${window.id}  ${window.status}  ${window.start} – ${window.end}  ${window.title}\n`
}

/** Adds `incident` and `maintenance` to the program. */
export function addIncidentCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const incident = program.command('incident').description('open, update, resolve and list incidents through a running server (/api/v1)')
  withClientOptions(
    incident
      .command('create')
      .description('open an incident; prints it')
      .requiredOption('--title <text>', 'the public title')
      .requiredOption('--text <markdown>', 'the first update')
      .option('--description <markdown>', 'a longer public description')
      .option('--phase <phase>', 'investigating, identified, monitoring (default investigating)')
      .option('--began <iso>', 'when it began, ISO 8601 with offset (default now)')
      .option('--impact <spec>', 'component[@location]=severity[:type]; repeatable', collect)
      .option('--silent', 'do not notify subscribers'),
  ).action(
    apiAction<IncidentFlags, []>(io, setExit, async (call, flags) => {
      const body = {
        title: flags.title, text: flags.text, impacts: (flags.impact ?? []).map(parseImpact),
        ...(flags.description === undefined ? {} : { description: flags.description }),
        ...(flags.phase === undefined ? {} : { phase: flags.phase }),
        ...(flags.began === undefined ? {} : { beganAt: flags.began }),
        ...(flags.silent ? { notify: false } : {}),
      }
      const created = await call('POST', '/incidents', body)
      return { json: created, text: incidentLine(created) }
    }),
  )
  for (const [name, description] of [['update', 'add an update (optionally moving the phase)'], ['resolve', 'resolve with a final update']] as const) {
    const command = incident.command(name).description(description).argument('<id>', 'the incident id')
    if (name === 'update') command.requiredOption('--text <markdown>', 'the update').option('--phase <phase>', 'investigating, identified, monitoring, resolved')
    else command.option('--text <markdown>', 'the final update', 'Resolved.')
    command.option('--silent', 'do not notify subscribers')
    withClientOptions(command).action(
      apiAction<UpdateFlags, [string]>(io, setExit, async (call, flags, id) => {
        const phase = name === 'resolve' ? 'resolved' : flags.phase
        const updated = await call('POST', `/incidents/${encodeURIComponent(id)}/updates`, { text: flags.text, ...(phase === undefined ? {} : { phase }), ...(flags.silent ? { notify: false } : {}) })
        return { json: updated, text: incidentLine(updated) }
      }),
    )
  }
  withClientOptions(incident.command('list').description('incidents, newest first (first page)').option('--status <status>', 'open or resolved')).action(
    apiAction<ClientFlags & { status?: string }, []>(io, setExit, async (call, flags) => {
      const page = await call('GET', `/incidents?limit=100${flags.status === undefined ? '' : `&status=${encodeURIComponent(flags.status)}`}`)
      return { json: page.items, text: page.items.map(incidentLine).join('') || 'no incidents\n' }
    }),
  )

  const maintenance = program.command('maintenance').description('schedule, cancel and list maintenance windows through a running server (/api/v1)')
  withClientOptions(
    maintenance
      .command('create')
      .description('schedule a window; prints it')
      .requiredOption('--title <text>', 'the public title')
      .requiredOption('--component <spec>', 'component[@location,location]; repeatable', collect)
      .requiredOption('--start <iso>', 'start, ISO 8601 with offset')
      .requiredOption('--end <iso>', 'end, ISO 8601 with offset')
      .option('--description <markdown>', 'a longer public description')
      .option('--silent', 'do not notify subscribers'),
  ).action(
    apiAction<MaintenanceFlags, []>(io, setExit, async (call, flags) => {
      const body = { title: flags.title, components: flags.component.map(parseTarget), start: flags.start, end: flags.end, ...(flags.description === undefined ? {} : { description: flags.description }), ...(flags.silent ? { notify: false } : {}) }
      const created = await call('POST', '/maintenance', body)
      for (const warning of created.warnings ?? []) io.stderr(`warning: ${warning}\n`)
      return { json: created, text: windowLine(created) }
    }),
  )
  withClientOptions(maintenance.command('cancel').description('cancel a window that has not completed').argument('<id>', 'the window id').option('--silent', 'do not notify subscribers')).action(
    apiAction<ClientFlags, [string]>(io, setExit, async (call, flags, id) => {
      const cancelled = await call('POST', `/maintenance/${encodeURIComponent(id)}/cancel${flags.silent ? '?notify=false' : ''}`)
      return { json: cancelled, text: windowLine(cancelled) }
    }),
  )
  withClientOptions(maintenance.command('list').description('windows, newest start first (first page)')).action(
    apiAction<ClientFlags, []>(io, setExit, async (call) => {
      const page = await call('GET', '/maintenance?limit=100')
      return { json: page.items, text: page.items.map(windowLine).join('') || 'no maintenance\n' }
    }),
  )
}
