/**
 * Incident templates: a named title, first update, phase and default impacts an operator opens an
 * incident from (`template` in a new incident; the incident's own fields win). Templates come from
 * config (read-only for the API: 409 naming `file:line`) or the API; every write is audited.
 *
 * @module
 */
import { z } from 'zod'
import { INCIDENT_PHASES, newId } from '../core/index.js'
import type { DeclaredTransaction, TemplateRow } from '../store/index.js'
import { checkComponents, guardManaged, type ServiceContext } from './context.js'
import { InvalidInputError, NotFoundError } from './errors.js'
import { ImpactInputSchema, parseInput, type NewIncident, type Writer } from './inputs.js'
import { auditedRowWrite } from './row-writes.js'

const publicText = (max: number) => z.string().trim().min(1).max(max)

/** A new template. */
export const TemplateInputSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'a template name: 1–63 of a-z 0-9 . _ -'),
  title: publicText(200),
  description: publicText(10_000).nullable().optional(),
  text: publicText(10_000),
  phase: z.enum(INCIDENT_PHASES).default('investigating'),
  impacts: z.array(ImpactInputSchema).max(500).default([]),
})
export type TemplateInput = z.input<typeof TemplateInputSchema>

/** A change of a template; absent fields stay (no defaults here, unlike {@link TemplateInputSchema}). */
export const TemplatePatchSchema = z.strictObject({
  name: TemplateInputSchema.shape.name.optional(),
  title: publicText(200).optional(),
  description: publicText(10_000).nullable().optional(),
  text: publicText(10_000).optional(),
  phase: z.enum(INCIDENT_PHASES).optional(),
  impacts: z.array(ImpactInputSchema).max(500).optional(),
})
export type TemplatePatch = z.input<typeof TemplatePatchSchema>

/** A new incident that may name a template to start from. */
export type NewIncidentFromTemplate = Partial<NewIncident> & { template?: string }

/** The template writes and reads of the service. */
export interface TemplateService {
  /** Active templates by name. */
  templates(): Promise<TemplateRow[]>
  /** A template by id or name; null when unknown or archived. */
  template(idOrName: string): Promise<TemplateRow | null>
  createTemplate(input: TemplateInput, writer: Writer): Promise<TemplateRow>
  updateTemplate(id: string, patch: TemplatePatch, writer: Writer): Promise<TemplateRow>
  /** Archives a template (incidents opened from it keep their texts). */
  deleteTemplate(id: string, writer: Writer): Promise<void>
  /** The incident input with the named template's fields under the given ones. */
  prefill(input: NewIncidentFromTemplate): Promise<NewIncident>
}

async function writable(tx: DeclaredTransaction, id: string, writer: Writer): Promise<TemplateRow> {
  const row = await tx.templates.get(id)
  if (row === null || row.archivedAt !== null) throw new NotFoundError('template', id)
  guardManaged(row, 'template', writer)
  return row
}

async function nameFree(tx: DeclaredTransaction, name: string, except: string | null): Promise<void> {
  const taken = await tx.templates.byName(name)
  if (taken !== null && taken.id !== except) throw new InvalidInputError([{ path: 'name', message: `a template named "${name}" exists` }])
}

/** Builds the template service over `context`. */
export function templateService(context: ServiceContext): TemplateService {
  const { store } = context
  const find = async (idOrName: string) => {
    const byId = z.uuid().safeParse(idOrName).success ? await store.templates.get(idOrName) : null
    const row = byId ?? (await store.templates.byName(idOrName))
    return row === null || row.archivedAt !== null ? null : row
  }
  const audited = auditedRowWrite(context, 'template', (tx, id) => tx.templates.get(id))
  return {
    templates: () => store.templates.list(),
    template: find,
    async createTemplate(raw, writer) {
      const input = parseInput(TemplateInputSchema, raw)
      await checkComponents(context, input.impacts, 'impacts')
      return audited(writer, 'template.create', async (tx, now) => {
        await nameFree(tx, input.name, null)
        const row: TemplateRow = { id: newId(), ...input, description: input.description ?? null, managed: 'api', source: null, createdAt: now, updatedAt: now, archivedAt: null }
        await tx.templates.insert(row)
        return { id: row.id, before: null }
      })
    },
    async updateTemplate(id, raw, writer) {
      const patch = parseInput(TemplatePatchSchema, raw)
      if (patch.impacts !== undefined) await checkComponents(context, patch.impacts, 'impacts')
      return audited(writer, 'template.update', async (tx, now, parsed) => {
        const before = await writable(tx, id, parsed)
        if (patch.name !== undefined) await nameFree(tx, patch.name, id)
        await tx.templates.update(id, { ...patch, updatedAt: now })
        return { id, before }
      })
    },
    async deleteTemplate(id, writer) {
      await audited(writer, 'template.archive', async (tx, now, parsed) => {
        const before = await writable(tx, id, parsed)
        await tx.templates.update(id, { archivedAt: now, updatedAt: now })
        return { id, before }
      })
    },
    async prefill(input) {
      const { template: wanted, ...own } = input
      if (wanted === undefined) return own as NewIncident
      const row = await find(wanted)
      if (row === null) throw new InvalidInputError([{ path: 'template', message: `no template "${wanted}"` }])
      const base = { title: row.title, text: row.text, phase: row.phase, impacts: row.impacts, ...(row.description === null ? {} : { description: row.description }) }
      return { ...base, ...own }
    },
  }
}
