/**
 * Administration of the status model's catalogue — impact types, severity levels, phase lists
 * (new generations only, never edited) and API-managed components. Every write validates,
 * applies and records its audit event in one declared transaction, like incident writes.
 *
 * @module
 */
import { z } from 'zod'
import { newId, type Clock } from '../core/index.js'
import type { AuditEvent, CatalogWrites, ComponentRow, DeclaredTransaction, ImpactTypeRow, Store } from '../store/index.js'
import { IncidentsError, InvalidInputError, StateConflictError } from './errors.js'
import { parseInput, WriterSchema, type Writer } from './inputs.js'
import { guardManaged } from './context.js'
import { nativePhasesOf } from './phase-mapping.js'

/** No such catalogue object (impact type, severity, component). */
export class CatalogNotFoundError extends IncidentsError {
  readonly code = 'NOT_FOUND'
  readonly status = 404
  constructor(readonly objectType: string, readonly key: string) {
    super(`no ${objectType} ${key}`)
    this.name = 'NotFoundError'
  }
}

const name = z.string().trim().min(1).max(100)
const labels = z.record(z.string().min(1).max(100), z.string().max(500)).refine((value) => Object.keys(value).length <= 50, 'at most 50 labels')

/** Inputs of the catalogue writes. */
export const ImpactTypeInputSchema = z.strictObject({ displayName: name, description: z.string().max(2000).nullable().optional() })
export const SeverityInputSchema = z.strictObject({ displayName: name, value: z.number().int().min(0).max(100) })
export const PhaseListInputSchema = z.array(name).min(1).max(50)
export const ComponentInputSchema = z.strictObject({ displayName: z.string().trim().min(1).max(200), labels: labels.optional() })

/** The catalogue writes of the service. */
export interface CatalogService {
  createImpactType(input: z.input<typeof ImpactTypeInputSchema>, writer: Writer): Promise<string>
  updateImpactType(id: string, patch: Partial<z.input<typeof ImpactTypeInputSchema>>, writer: Writer): Promise<void>
  deleteImpactType(id: string, writer: Writer): Promise<void>
  createSeverity(input: z.input<typeof SeverityInputSchema>, writer: Writer): Promise<void>
  updateSeverity(name: string, patch: Partial<z.input<typeof SeverityInputSchema>>, writer: Writer): Promise<void>
  deleteSeverity(name: string, writer: Writer): Promise<void>
  /** Stores a new generation (the next number) and returns it. */
  createPhaseList(names: readonly string[], writer: Writer): Promise<number>
  /** Creates an API-managed component; its name is derived from the display name. */
  createComponent(input: z.input<typeof ComponentInputSchema>, writer: Writer): Promise<string>
  updateComponent(id: string, patch: Partial<z.input<typeof ComponentInputSchema>>, writer: Writer): Promise<void>
  /** Archives a component (its history stays). */
  archiveComponent(id: string, writer: Writer): Promise<void>
}

/**
 * A component name from a display name: lower case, runs of other characters as `-`, at most 63
 * characters, with `-2`, `-3`, … when taken.
 *
 * @example
 * componentNameFor('Object Storage (S3)', new Set()) // 'object-storage-s3'
 */
export function componentNameFor(displayName: string, taken: ReadonlySet<string>): string {
  const base = displayName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '').slice(0, 56) || 'component'
  let candidate = base
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`
  return candidate
}

async function writableComponent(tx: DeclaredTransaction, id: string, writer: Writer): Promise<ComponentRow> {
  const row = await tx.catalog.componentById(id)
  if (row === null || row.archivedAt !== null) throw new CatalogNotFoundError('component', id)
  guardManaged({ managed: row.managed, name: row.name, source: await tx.componentSources.sourceOf(id) }, 'component', writer)
  return row
}

async function impactTypeById(catalog: CatalogWrites, id: string): Promise<ImpactTypeRow> {
  const found = (await catalog.impactTypes()).find((type) => type.id === id)
  if (found === undefined) throw new CatalogNotFoundError('impact type', id)
  return found
}

function uniqueSeverity(levels: readonly { name: string; value: number }[], candidate: { name: string; value: number }, except: string | null): void {
  const others = levels.filter((level) => level.name !== except)
  const issues = [
    ...(others.some((level) => level.value === candidate.value) ? [{ path: 'value', message: `another severity already has the value ${candidate.value}` }] : []),
    ...(others.some((level) => level.name === candidate.name) ? [{ path: 'displayName', message: `a severity named "${candidate.name}" exists` }] : []),
  ]
  if (issues.length > 0) throw new InvalidInputError(issues)
}

/**
 * Builds the catalogue service.
 *
 * @example
 * const catalog = catalogService({ store, clock: systemClock })
 * const generation = await catalog.createPhaseList(['Investigating', 'Fixing', 'Done'], { actor: 'ops', door: 'api' })
 */
export function catalogService(options: { store: Store; clock: Clock }): CatalogService {
  const { store, clock } = options
  type Apply = (tx: DeclaredTransaction, now: number) => Promise<{ objectId: string; before: unknown; after: unknown }>
  const audited = async (rawWriter: Writer, action: string, objectType: AuditEvent['objectType'], apply: Apply): Promise<string> => {
    const writer = parseInput(WriterSchema, rawWriter)
    return store.writeDeclared(async (tx) => {
      const now = clock.now()
      const { objectId, before, after } = await apply(tx, now)
      await tx.audit.append({ at: now, actor: writer.actor, action, objectType, objectId, before, after, door: writer.door })
      return objectId
    })
  }
  return {
    createImpactType: (raw, writer) =>
      audited(writer, 'impact-type.create', 'impact-type', async (tx, now) => {
        const input = parseInput(ImpactTypeInputSchema, raw)
        if ((await tx.catalog.impactTypes()).some((type) => type.displayName === input.displayName)) {
          throw new InvalidInputError([{ path: 'displayName', message: `an impact type named "${input.displayName}" exists` }])
        }
        const row = { id: newId(), displayName: input.displayName, description: input.description ?? null }
        await tx.catalog.insertImpactType(row, now)
        return { objectId: row.id, before: null, after: row }
      }),
    updateImpactType: async (id, raw, writer) => {
      await audited(writer, 'impact-type.update', 'impact-type', async (tx, now) => {
        const patch = parseInput(ImpactTypeInputSchema.partial(), raw)
        const before = await impactTypeById(tx.catalog, id)
        const after = { ...before, ...(patch.displayName === undefined ? {} : { displayName: patch.displayName }), ...(patch.description === undefined ? {} : { description: patch.description }) }
        if ((await tx.catalog.impactTypes()).some((type) => type.id !== id && type.displayName === after.displayName)) {
          throw new InvalidInputError([{ path: 'displayName', message: `an impact type named "${after.displayName}" exists` }])
        }
        await tx.catalog.updateImpactType(before, after, now)
        return { objectId: id, before, after }
      })
    },
    deleteImpactType: async (id, writer) => {
      await audited(writer, 'impact-type.delete', 'impact-type', async (tx) => {
        const before = await impactTypeById(tx.catalog, id)
        await tx.catalog.deleteImpactType(id)
        return { objectId: id, before, after: null }
      })
    },
    createSeverity: async (raw, writer) => {
      await audited(writer, 'severity.create', 'severity', async (tx, now) => {
        const input = parseInput(SeverityInputSchema, raw)
        const row = { name: input.displayName, value: input.value }
        uniqueSeverity(await tx.catalog.severities(), row, null)
        await tx.catalog.insertSeverity(row, now)
        return { objectId: row.name, before: null, after: row }
      })
    },
    updateSeverity: async (severityName, raw, writer) => {
      await audited(writer, 'severity.update', 'severity', async (tx, now) => {
        const patch = parseInput(SeverityInputSchema.partial(), raw)
        const levels = await tx.catalog.severities()
        const before = levels.find((level) => level.name === severityName)
        if (before === undefined) throw new CatalogNotFoundError('severity', severityName)
        const after = { name: patch.displayName ?? before.name, value: patch.value ?? before.value }
        uniqueSeverity(levels, after, severityName)
        await tx.catalog.updateSeverity(severityName, after, now)
        return { objectId: severityName, before, after }
      })
    },
    deleteSeverity: async (severityName, writer) => {
      await audited(writer, 'severity.delete', 'severity', async (tx) => {
        const before = (await tx.catalog.severities()).find((level) => level.name === severityName)
        if (before === undefined) throw new CatalogNotFoundError('severity', severityName)
        await tx.catalog.deleteSeverity(severityName)
        return { objectId: severityName, before, after: null }
      })
    },
    createPhaseList: async (raw, writer) =>
      Number(
        await audited(writer, 'phase-list.create', 'phase-list', async (tx, now) => {
          const names = parseInput(PhaseListInputSchema, raw)
          const generation = ((await tx.catalog.phases())?.generation ?? 0) + 1
          const created = { generation, phases: nativePhasesOf(names) }
          await tx.catalog.insertPhases(created, now)
          return { objectId: String(generation), before: null, after: created }
        }),
      ),
    createComponent: (raw, writer) =>
      audited(writer, 'component.create', 'component', async (tx, now) => {
        const input = parseInput(ComponentInputSchema, raw)
        const row = { id: newId(), name: componentNameFor(input.displayName, await tx.catalog.componentNames()), displayName: input.displayName, labels: input.labels ?? {} }
        await tx.catalog.insertComponent({ ...row, now })
        return { objectId: row.id, before: null, after: row }
      }),
    updateComponent: async (id, raw, writer) => {
      await audited(writer, 'component.update', 'component', async (tx, now) => {
        const patch = parseInput(ComponentInputSchema.partial(), raw)
        const before = await writableComponent(tx, id, writer)
        await tx.catalog.updateComponent(id, patch, now)
        return { objectId: id, before, after: await tx.catalog.componentById(id) }
      })
    },
    archiveComponent: async (id, writer) => {
      await audited(writer, 'component.archive', 'component', async (tx, now) => {
        const before = await writableComponent(tx, id, writer)
        await tx.catalog.archiveComponent(id, now)
        return { objectId: id, before, after: await tx.catalog.componentById(id) }
      })
    },
  }
}
