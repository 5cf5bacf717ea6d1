/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * Incident templates: list, create, edit and delete through the template service. Impacts are
 * lines `component location severity [impact type]`.
 *
 * @module
 */
import type { Hono } from 'hono'
import type { FC } from 'hono/jsx'
import type { IncidentPhase } from '../../core/index.js'
import { InvalidInputError, type ImpactInput } from '../../incidents/index.js'
import type { TemplateRow } from '../../store/index.js'
import { CsrfField } from '../csrf.js'
import type { OperatorDeps } from '../deps.js'
import { takeFlash } from '../flash.js'
import { PhasePicker } from '../incident-fields.js'
import { renderOperatorPage } from '../layout.js'
import { notFoundPage, requireSession } from '../require-session.js'
import { field, submitForm, writerOf } from '../writes.js'

/** Template impacts as the form shows them: one `component location severity [type]` per line. */
export function impactLines(impacts: readonly { component: string; location: string; type: string; severity: number }[]): string {
  return impacts.map((impact) => `${impact.component} ${impact.location} ${impact.severity}${impact.type === 'Unknown' ? '' : ` ${impact.type}`}`).join('\n')
}

/**
 * Parses the impact lines; a line that is not `component location severity [type]` is refused
 * with its number.
 *
 * @example
 * parseImpactLines('compute de-1 66 Performance') // [{ component: 'compute', location: 'de-1', severity: 66, type: 'Performance' }]
 */
export function parseImpactLines(text: string): ImpactInput[] {
  return text
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '')
    .map(({ line, number }) => {
      const match = /^(\S+)\s+(\S+)\s+(\d{1,3})(?:\s+(.+))?$/.exec(line)
      if (match === null) throw new InvalidInputError([{ path: `impacts line ${number}`, message: 'expected "component location severity [impact type]"' }])
      return { component: match[1]!, location: match[2]!, severity: Number(match[3]), ...(match[4] === undefined ? {} : { type: match[4] }) }
    })
}

/** The fields of a template form. */
const TemplateFields: FC<{ template: TemplateRow | null }> = ({ template }) => (
  <>
    <label for="template-name">Name (a-z 0-9 . _ -)</label>
    <input type="text" id="template-name" name="name" required value={template?.name ?? ''} />
    <label for="template-title">Incident title</label>
    <input type="text" id="template-title" name="title" required maxlength={200} value={template?.title ?? ''} />
    <label for="template-text">First update (Markdown)</label>
    <textarea id="template-text" name="text" required>
      {template?.text ?? ''}
    </textarea>
    <PhasePicker id="template-phase" selected={template?.phase ?? 'investigating'} withResolved={false} />
    <label for="template-impacts">Impacts, one per line: component location severity [impact type]</label>
    <textarea id="template-impacts" name="impacts">
      {impactLines(template?.impacts ?? [])}
    </textarea>
  </>
)

/** The templates section of the catalogue page. */
export const TemplatesSection: FC<{ csrf: string; templates: TemplateRow[] }> = ({ csrf, templates }) => (
  <section>
    <h2 id="templates">Incident templates</h2>
    {templates.length === 0 ? <p class="muted">No templates yet.</p> : ''}
    <ul class="list" hidden={templates.length === 0}>
      {templates.map((template) => (
        <li class="row">
          <a class="name" href={`/operator/catalog/templates/${template.id}`}>
            {template.name}
          </a>
          <span class="muted">
            {template.title}
            {template.managed === 'config' ? ' · managed by config' : ''}
          </span>
        </li>
      ))}
    </ul>
    <details>
      <summary>New template</summary>
      <form method="post" action="/operator/catalog/templates" class="stack">
        <CsrfField token={csrf} />
        <TemplateFields template={null} />
        <button type="submit">Create template</button>
      </form>
    </details>
  </section>
)

function templateInput(form: Record<string, unknown>) {
  return { name: field(form, 'name'), title: field(form, 'title'), text: field(form, 'text'), phase: field(form, 'phase') as IncidentPhase, impacts: parseImpactLines(field(form, 'impacts')) }
}

/**
 * Registers the template pages and forms under `/catalog/templates` on the operator router.
 *
 * @example
 * registerTemplatePages(router, deps)
 */
export function registerTemplatePages(router: Hono, deps: OperatorDeps): void {
  router.post('/catalog/templates', requireSession(deps), async (c) => {
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: '/operator/catalog#templates' }, async () => {
      const created = await deps.incidents.createTemplate(templateInput(form), writerOf(c.get('operatorSession')!))
      return { done: `Template "${created.name}" created.`, to: `/operator/catalog/templates/${created.id}` }
    })
  })

  router.get('/catalog/templates/:id', requireSession(deps), async (c) => {
    const session = c.get('operatorSession')!
    const template = await deps.incidents.template(c.req.param('id'))
    if (template === null) return notFoundPage(c, deps, 'No such template (or it was deleted).')
    const base = `/operator/catalog/templates/${template.id}`
    return renderOperatorPage(
      c,
      { title: `Template ${template.name}`, siteName: deps.title, session, flash: takeFlash(c) },
      <>
        {template.managed === 'config' ? <p class="muted">Managed by config ({template.source}): change it there.</p> : ''}
        <p>
          <a href={`/operator/incidents/new?template=${encodeURIComponent(template.name)}`}>Open an incident from this template</a>
        </p>
        <form method="post" action={base} class="stack">
          <CsrfField token={session.csrfToken} />
          <TemplateFields template={template} />
          <button type="submit">Save template</button>
        </form>
        <form method="post" action={`${base}/delete`} class="stack">
          <CsrfField token={session.csrfToken} />
          <button type="submit">Delete template</button>
        </form>
      </>,
    )
  })

  router.post('/catalog/templates/:id', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    const form = await c.req.parseBody()
    return submitForm(c, deps, { back: `/operator/catalog/templates/${id}` }, async () => {
      await deps.incidents.updateTemplate(id, templateInput(form), writerOf(c.get('operatorSession')!))
      return { done: 'Template saved.' }
    })
  })

  router.post('/catalog/templates/:id/delete', requireSession(deps), async (c) => {
    const id = c.req.param('id')
    return submitForm(c, deps, { back: `/operator/catalog/templates/${id}` }, async () => {
      await deps.incidents.deleteTemplate(id, writerOf(c.get('operatorSession')!))
      return { done: 'Template deleted.', to: '/operator/catalog#templates' }
    })
  })
}
