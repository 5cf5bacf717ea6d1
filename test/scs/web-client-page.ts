/**
 * A stand-in for the SCS web client (status-page-web) on its own origin: a tiny `node:http`
 * server whose one page, on load, makes the client's calls against the SCS API of another origin
 * (background §6 "API consumption": phases, severities, impact types and components; incidents
 * for [now − 90 d, now] and [now, now + 30 d]; then `/updates` once per incident) and renders
 * components, planned maintenance and the incident log into the DOM with `textContent` only.
 * `<body data-state>` becomes `rendered`, or `failed` with the reason in `#error`.
 *
 * @module
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The page's script; `API` is the SCS API's base URL, e.g. `http://127.0.0.1:4000/scs`. */
const CLIENT_SCRIPT = String.raw`
const DAY = 86400000
const get = async (path, query) => {
  const url = API + path + (query === undefined ? '' : '?' + new URLSearchParams(query))
  const res = await fetch(url, { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(path + ' answered ' + res.status)
  return (await res.json()).data
}
const el = (tag, text, attrs = {}) => {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  return node
}
async function load() {
  const [phases, severities, types, components] = await Promise.all([get('/phases'), get('/severities'), get('/impacttypes'), get('/components')])
  const now = Date.now()
  const iso = (ms) => new Date(ms).toISOString()
  const [past, upcoming] = await Promise.all([
    get('/incidents', { start: iso(now - 90 * DAY), end: iso(now) }),
    get('/incidents', { start: iso(now), end: iso(now + 30 * DAY) }),
  ])
  const incidents = new Map([...past, ...upcoming].map((incident) => [incident.id, incident]))
  const updates = new Map(await Promise.all([...incidents.keys()].map(async (id) => [id, await get('/incidents/' + id + '/updates')])))
  const componentName = new Map(components.map((c) => [c.id, c.displayName]))
  const typeName = new Map(types.map((t) => [t.id, t.displayName]))
  severities.sort((a, b) => a.value - b.value)
  const severityName = (value) => (severities.find((s) => value <= s.value) ?? { displayName: 'unknown' }).displayName
  for (const component of components) {
    const worst = Math.max(-1, ...component.activelyAffectedBy.map((impact) => impact.severity))
    document.querySelector('#components ul').append(el('li', component.displayName + ': ' + (worst < 0 ? 'no impact' : severityName(worst)), { 'data-id': component.id }))
  }
  const maintenance = (incident) => incident.affects.every((impact) => impact.severity <= 0)
  for (const incident of upcoming.filter(maintenance)) {
    const targets = incident.affects.map((impact) => componentName.get(impact.reference)).join(', ')
    document.querySelector('#maintenance ul').append(el('li', incident.displayName + ' (' + targets + ') from ' + incident.beganAt + ' to ' + incident.endedAt))
  }
  for (const incident of [...incidents.values()].filter((i) => !maintenance(i))) {
    const article = el('article', undefined, { 'data-id': incident.id })
    article.append(el('h3', incident.displayName), el('p', phases.phases[incident.phase.order] ?? 'unknown phase', { class: 'phase' }), el('p', incident.description, { class: 'description' }))
    for (const impact of incident.affects) article.append(el('p', componentName.get(impact.reference) + ': ' + typeName.get(impact.type) + ', ' + severityName(impact.severity), { class: 'impact' }))
    const list = el('ol', undefined, { class: 'updates' })
    for (const update of updates.get(incident.id)) list.append(el('li', update.displayName + ': ' + update.description))
    article.append(list)
    document.querySelector('#incident-log').append(article)
  }
}
load().then(
  () => { document.body.dataset.state = 'rendered' },
  (error) => { document.querySelector('#error').textContent = String(error); document.body.dataset.state = 'failed' },
)
`

function pageHtml(api: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>SCS web client (replay)</title></head>
<body data-state="loading">
<main>
<h1>Cloud status</h1>
<p id="error"></p>
<section id="components"><h2>Components</h2><ul></ul></section>
<section id="maintenance"><h2>Planned Maintenance</h2><ul></ul></section>
<section id="incident-log"><h2>Incident Log</h2></section>
</main>
<script>const API = ${JSON.stringify(api)};${CLIENT_SCRIPT}</script>
</body></html>`
}

/** The client's origin. */
export interface ClientOrigin {
  /** The page's URL, e.g. `http://127.0.0.1:4001/`. */
  url: string
  close(): Promise<void>
}

/**
 * Serves the client page on a loopback port of its own; it calls the SCS API at `api`.
 *
 * @example
 * const client = await serveWebClient(`${served.url}/scs`)
 * await page.goto(client.url)
 */
export async function serveWebClient(api: string): Promise<ClientOrigin> {
  const html = pageHtml(api)
  const server: Server = createServer((req, res) => {
    if (req.url !== '/') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
