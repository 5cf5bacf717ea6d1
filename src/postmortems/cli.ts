/**
 * `glasshouse postmortem create|list|show|submit|publish`: a thin client of a running server's
 * `/api/v1/postmortems` (`--url` or `GLASSHOUSE_URL`, token in `GLASSHOUSE_TOKEN`). The server
 * validates, builds the evidence and audits; the actor is the token's name. Exit codes: 2 when
 * the server refuses (bad input, scope, a stale revision), 3 when it cannot be reached.
 *
 * @module
 */
import type { Command } from 'commander'
import type { ApiCall } from '../cli/api-client.js'
import { apiAction, withClientOptions, type ClientFlags } from '../cli/api-action.js'
import type { CliIo } from '../cli/io.js'

interface Flags extends ClientFlags {
  incident?: string[]
  title?: string
  tldr?: string
  status?: string
}

interface Listed {
  id: string
  status: string
  revision: number
  title: string
  incidentIds: string[]
  publishedAt: string | null
}

function line(postmortem: Listed): string {
  return `${postmortem.id}  ${postmortem.status}  r${postmortem.revision}  ${postmortem.publishedAt ?? '-'}  ${postmortem.title}\n`
}

function details(postmortem: Listed & { tldr: string; timeline: { at: string; kind: string; text: string; internal: boolean }[] }): string {
  const timeline = postmortem.timeline.map((entry) => `  ${entry.at}  ${entry.kind}${entry.internal ? ' (internal)' : ''}  ${entry.text}\n`).join('')
  return `${line(postmortem)}incidents: ${postmortem.incidentIds.join(', ')}\nTL;DR: ${postmortem.tldr || '(none yet)'}\ntimeline:\n${timeline}`
}

/** Moves a postmortem to `to` from the revision the server has now. */
async function move(call: ApiCall, id: string, to: 'in_review' | 'published', notify: boolean): Promise<{ json: unknown; text: string }> {
  const path = `/postmortems/${encodeURIComponent(id)}`
  const current = (await call('GET', path)) as Listed
  const moved = (await call('POST', `${path}/transition`, { to, revision: current.revision, notify })) as Listed
  return { json: moved, text: line(moved) }
}

/**
 * Adds `postmortem` to the program.
 *
 * @example
 * addPostmortemCommands(root, io, setExit)
 */
export function addPostmortemCommands(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const postmortem = program.command('postmortem').description('write, review and publish postmortems through a running server (/api/v1)')
  withClientOptions(
    postmortem
      .command('create')
      .description('start a draft; its timeline and impact come from the stored evidence')
      .requiredOption('--incident <id...>', 'the incidents it covers (one or more)')
      .option('--title <text>', 'the title (default "Postmortem: " and the first incident’s title)')
      .option('--tldr <markdown>', 'the TL;DR for non-technical readers'),
  ).action(
    apiAction<Flags, []>(io, setExit, async (call, flags) => {
      const sections = { ...(flags.title === undefined ? {} : { title: flags.title }), ...(flags.tldr === undefined ? {} : { tldr: flags.tldr }) }
      const created = (await call('POST', '/postmortems', { incidentIds: flags.incident, ...(Object.keys(sections).length === 0 ? {} : { sections }) })) as Listed
      return { json: created, text: line(created) }
    }),
  )
  withClientOptions(postmortem.command('list').description('every postmortem, newest first').option('--status <status>', 'draft, in_review or published')).action(
    apiAction<Flags, []>(io, setExit, async (call, flags) => {
      const answer = (await call('GET', `/postmortems${flags.status === undefined ? '' : `?status=${encodeURIComponent(flags.status)}`}`)) as { items: Listed[] }
      return { json: answer.items, text: answer.items.map(line).join('') || 'no postmortems\n' }
    }),
  )
  withClientOptions(postmortem.command('show').description('one postmortem with its timeline').argument('<id>', 'the postmortem id')).action(
    apiAction<Flags, [string]>(io, setExit, async (call, _flags, id) => {
      const shown = await call('GET', `/postmortems/${encodeURIComponent(id)}`)
      return { json: shown, text: details(shown) }
    }),
  )
  withClientOptions(postmortem.command('submit').description('send a draft to review').argument('<id>', 'the postmortem id')).action(
    apiAction<Flags, [string]>(io, setExit, (call, _flags, id) => move(call, id, 'in_review', false)),
  )
  withClientOptions(postmortem.command('publish').description('publish a reviewed postmortem (tells subscribers)').argument('<id>', 'the postmortem id').option('--silent', 'do not notify subscribers')).action(
    apiAction<Flags, [string]>(io, setExit, (call, flags, id) => move(call, id, 'published', flags.silent !== true)),
  )
}
