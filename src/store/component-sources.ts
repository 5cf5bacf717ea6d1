/**
 * Where each config-managed component is declared (`file:line` in `components.source`), so an
 * API write to it can name the place to edit. The config sync sets it; API writes read it.
 *
 * @module
 */
import type { Kysely } from 'kysely'
import type { Database } from './schema.js'

/** Reads and sets component sources, inside a declared transaction only. */
export interface ComponentSourceWrites {
  /** The `file:line` declaring the component with that id; null when none is recorded. */
  sourceOf(id: string): Promise<string | null>
  /** Records the `file:line` of each named config-managed component; others are left alone. */
  setSources(sources: ReadonlyMap<string, string>): Promise<void>
}

/**
 * The component sources inside transaction `trx`.
 *
 * @example
 * await writeDeclared((tx) => tx.componentSources.setSources(new Map([['compute', 'glasshouse.yaml:12']])))
 */
export function componentSourceWrites(trx: Kysely<Database>): ComponentSourceWrites {
  return {
    async sourceOf(id) {
      const row = await trx.selectFrom('components').select('source').where('id', '=', id).executeTakeFirst()
      return row?.source ?? null
    },
    async setSources(sources) {
      const rows = await trx.selectFrom('components').select(['id', 'name', 'source']).where('managed', '=', 'config').execute()
      for (const row of rows) {
        const source = sources.get(row.name) ?? null
        if (source !== (row.source ?? null)) await trx.updateTable('components').set({ source }).where('id', '=', row.id).execute()
      }
    },
  }
}
