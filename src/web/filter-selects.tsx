/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The component and location pickers of the pages' GET filter forms (history, availability
 * report): a labelled `<select>` each, "all" first, the current choice selected.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { PageContext } from './layout.js'

/** The `component` picker. */
export const ComponentSelect: FC<{ ctx: PageContext; components: readonly { name: string; displayName: string }[]; selected: string | null }> = ({ ctx, components, selected }) => (
  <label>
    {ctx.t.components}
    <select name="component">
      <option value="">{ctx.t.allComponents}</option>
      {components.map((c) => (
        <option value={c.name} selected={c.name === selected}>
          {c.displayName}
        </option>
      ))}
    </select>
  </label>
)

/** The `location` picker. */
export const LocationSelect: FC<{ ctx: PageContext; locations: readonly string[]; selected: string | null }> = ({ ctx, locations, selected }) => (
  <label>
    {ctx.t.location}
    <select name="location">
      <option value="">{ctx.t.allLocations}</option>
      {locations.map((location) => (
        <option value={location} selected={location === selected}>
          {location}
        </option>
      ))}
    </select>
  </label>
)

/**
 * What was wrong with a page's filters, as an alert list above the results; nothing when all is well.
 *
 * @example
 * <FilterIssues issues={[{ field: 'from', message: 'not a day (YYYY-MM-DD)' }]} />
 */
export const FilterIssues: FC<{ issues: readonly { field: string; message: string }[] }> = ({ issues }) =>
  issues.length === 0 ? (
    <></>
  ) : (
    <ul class="issues" role="alert">
      {issues.map((issue) => (
        <li>
          {issue.field}: {issue.message}
        </li>
      ))}
    </ul>
  )
