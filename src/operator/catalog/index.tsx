/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The catalogue page `/operator/catalog`: components, impact types, severity levels, the phase
 * list and incident templates — each write through the catalogue or template service, audited
 * as the API's are.
 *
 * @module
 */
import type { Hono } from 'hono'
import { catalogService, InvalidInputError } from '../../incidents/index.js'
import type { OperatorDeps } from '../deps.js'
import { takeFlash } from '../flash.js'
import { renderOperatorPage } from '../layout.js'
import { oneClickLevels } from '../one-click.js'
import { requireSession } from '../require-session.js'
import { field, submitForm, writerOf } from '../writes.js'
import { registerTemplatePages, TemplatesSection } from './templates.js'
import { ComponentsSection, ImpactTypesSection, PhasesSection, SeveritiesSection } from './views.js'

function severityValue(form: Record<string, unknown>): number {
  const value = Number(field(form, 'value'))
  if (!Number.isInteger(value)) throw new InvalidInputError([{ path: 'value', message: 'a whole number 1–100' }])
  return value
}

type Writer = ReturnType<typeof writerOf>
type CatalogWrite = (path: string, section: string, work: (form: Record<string, unknown>, params: Record<string, string>, writer: Writer) => Promise<string>) => void

/** The writes of a list whose entries have a display name: add, rename, retire (archive or delete). */
interface RenamableList {
  create(input: { displayName: string }, writer: Writer): Promise<unknown>
  rename(id: string, patch: { displayName: string }, writer: Writer): Promise<unknown>
  retire: { action: string; run(id: string, writer: Writer): Promise<unknown>; done: string }
}

function registerRenamableList(write: CatalogWrite, section: string, noun: string, list: RenamableList): void {
  write(`/catalog/${section}`, section, async (form, _params, writer) => {
    await list.create({ displayName: field(form, 'displayName') }, writer)
    return `${noun} added.`
  })
  write(`/catalog/${section}/:id`, section, async (form, params, writer) => {
    await list.rename(params.id!, { displayName: field(form, 'displayName') }, writer)
    return `${noun} renamed.`
  })
  write(`/catalog/${section}/:id/${list.retire.action}`, section, async (_form, params, writer) => {
    await list.retire.run(params.id!, writer)
    return list.retire.done
  })
}

/**
 * Registers `GET /catalog` and its forms on the operator router.
 *
 * @example
 * registerCatalogPages(router, deps)
 */
export function registerCatalogPages(router: Hono, deps: OperatorDeps): void {
  const catalog = catalogService({ store: deps.store, clock: deps.clock })
  const write: CatalogWrite = (path, section, work) => {
    router.post(path, requireSession(deps), async (c) => {
      const form = await c.req.parseBody()
      return submitForm(c, deps, { back: `/operator/catalog#${section}` }, async () => ({ done: await work(form, c.req.param() as Record<string, string>, writerOf(c.get('operatorSession')!)) }))
    })
  }

  router.get('/catalog', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const [components, types, stored, ranges, phases, templates] = await Promise.all([
      deps.store.components.list(),
      deps.store.catalog.impactTypes(),
      deps.store.catalog.severities(),
      oneClickLevels(deps.store),
      deps.store.catalog.phases(),
      deps.incidents.templates(),
    ])
    const csrf = session.csrfToken
    return renderOperatorPage(
      c,
      { title: 'Catalogue', siteName: deps.title, session, flash: takeFlash(c) },
      <>
        <ComponentsSection csrf={csrf} components={components} />
        <ImpactTypesSection csrf={csrf} types={types} />
        <SeveritiesSection csrf={csrf} stored={stored} ranges={ranges} />
        <PhasesSection csrf={csrf} phases={phases} />
        <TemplatesSection csrf={csrf} templates={templates} />
      </>,
    )
  })

  registerRenamableList(write, 'components', 'Component', {
    create: catalog.createComponent,
    rename: catalog.updateComponent,
    retire: { action: 'archive', run: catalog.archiveComponent, done: 'Component archived; its history stays.' },
  })
  registerRenamableList(write, 'impact-types', 'Impact type', {
    create: catalog.createImpactType,
    rename: catalog.updateImpactType,
    retire: { action: 'delete', run: catalog.deleteImpactType, done: 'Impact type deleted.' },
  })
  write('/catalog/severities', 'severities', async (form, _params, writer) => {
    await catalog.createSeverity({ displayName: field(form, 'displayName'), value: severityValue(form) }, writer)
    return 'Severity level added.'
  })
  write('/catalog/severities/:name', 'severities', async (form, params, writer) => {
    await catalog.updateSeverity(params.name!, { value: severityValue(form) }, writer)
    return 'Severity level changed.'
  })
  write('/catalog/severities/:name/delete', 'severities', async (_form, params, writer) => {
    await catalog.deleteSeverity(params.name!, writer)
    return 'Severity level deleted.'
  })
  write('/catalog/phases', 'phases', async (form, _params, writer) => {
    const names = field(form, 'names').split(/\r?\n/).map((name) => name.trim()).filter((name) => name !== '')
    return `Phase list generation ${await catalog.createPhaseList(names, writer)} stored.`
  })
  registerTemplatePages(router, deps)
}
