/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/**
 * The catalogue page's sections: components, impact types, severity levels and the phase list,
 * each with its list and its small forms.
 *
 * @module
 */
import type { FC } from 'hono/jsx'
import type { SeverityLevel } from '../../records/severity.js'
import type { ComponentRow, ImpactTypeRow, PhaseGeneration, SeverityRow } from '../../store/index.js'
import { CsrfField } from '../csrf.js'

/** A one-field form with its button (rename, change value, …). */
const Inline: FC<{ action: string; csrf: string; label: string; name: string; value: string; button: string; type?: 'text' | 'number' }> = ({ action, csrf, label, name, value, button, type = 'text' }) => (
  <form method="post" action={action} class="buttons">
    <CsrfField token={csrf} />
    <input type={type} name={name} value={value} aria-label={label} required />
    <button type="submit">{button}</button>
  </form>
)

/** A form that is only a button. */
const ButtonForm: FC<{ action: string; csrf: string; label: string }> = ({ action, csrf, label }) => (
  <form method="post" action={action} class="inline">
    <CsrfField token={csrf} />
    <button type="submit">{label}</button>
  </form>
)

/** Components: config-managed ones are shown, API-managed ones can be renamed and archived. */
export const ComponentsSection: FC<{ csrf: string; components: ComponentRow[] }> = ({ csrf, components }) => (
  <section>
    <h2 id="components">Components</h2>
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Display name</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {components.map((component) => (
          <tr>
            <td>{component.name}</td>
            <td>{component.displayName}</td>
            <td>
              {component.managed === 'config' ? (
                <span class="muted">managed by config</span>
              ) : (
                <div class="buttons">
                  <Inline action={`/operator/catalog/components/${component.id}`} csrf={csrf} label={`Display name of ${component.name}`} name="displayName" value={component.displayName} button="Rename" />
                  <ButtonForm action={`/operator/catalog/components/${component.id}/archive`} csrf={csrf} label={`Archive ${component.name}`} />
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <Inline action="/operator/catalog/components" csrf={csrf} label="Display name of a new component" name="displayName" value="" button="Add component" />
  </section>
)

/** Impact types: rename, describe, delete, add. */
export const ImpactTypesSection: FC<{ csrf: string; types: ImpactTypeRow[] }> = ({ csrf, types }) => (
  <section>
    <h2 id="impact-types">Impact types</h2>
    <ul class="list">
      {types.map((type) => (
        <li class="row">
          <Inline action={`/operator/catalog/impact-types/${type.id}`} csrf={csrf} label={`Name of impact type ${type.displayName}`} name="displayName" value={type.displayName} button="Rename" />
          <ButtonForm action={`/operator/catalog/impact-types/${type.id}/delete`} csrf={csrf} label={`Delete ${type.displayName}`} />
        </li>
      ))}
    </ul>
    <Inline action="/operator/catalog/impact-types" csrf={csrf} label="Name of a new impact type" name="displayName" value="" button="Add impact type" />
  </section>
)

/** Severity levels: the stored ones (editable) and the ranges they give with the built-in ones. */
export const SeveritiesSection: FC<{ csrf: string; stored: SeverityRow[]; ranges: SeverityLevel[] }> = ({ csrf, stored, ranges }) => (
  <section>
    <h2 id="severities">Severity levels</h2>
    <p class="muted">
      Effective ranges (the one-click buttons): {ranges.map((level, index) => `${level.name} ${index === 0 ? 1 : ranges[index - 1]!.value + 1}–${level.value}`).join(', ')}; 0 is maintenance.
    </p>
    <ul class="list">
      {stored.map((level) => (
        <li class="row">
          <span class="name">{level.name}</span>
          <Inline action={`/operator/catalog/severities/${encodeURIComponent(level.name)}`} csrf={csrf} label={`Upper bound of ${level.name}`} name="value" value={String(level.value)} button="Set upper bound" type="number" />
          <ButtonForm action={`/operator/catalog/severities/${encodeURIComponent(level.name)}/delete`} csrf={csrf} label={`Delete ${level.name}`} />
        </li>
      ))}
    </ul>
    <form method="post" action="/operator/catalog/severities" class="buttons">
      <CsrfField token={csrf} />
      <label for="severity-name">Name</label>
      <input type="text" id="severity-name" name="displayName" required />
      <label for="severity-value">Upper bound (1–100)</label>
      <input type="number" id="severity-value" name="value" min="1" max="100" required />
      <button type="submit">Add level</button>
    </form>
  </section>
)

/** The phase list: the newest generation, and a form for the next one. */
export const PhasesSection: FC<{ csrf: string; phases: PhaseGeneration | null }> = ({ csrf, phases }) => (
  <section>
    <h2 id="phases">Phases</h2>
    <p class="muted">
      {phases === null ? 'No phase list stored: the built-in phases apply.' : `Generation ${phases.generation}: ${phases.phases.map((phase) => `${phase.name} (${phase.native})`).join(', ')}.`} A
      new list is a new generation; incidents keep the generation they were written with.
    </p>
    <form method="post" action="/operator/catalog/phases" class="stack">
      <CsrfField token={csrf} />
      <label for="phase-names">New phase list, one per line, in order</label>
      <textarea id="phase-names" name="names" required>
        {(phases?.phases ?? []).map((phase) => phase.name).join('\n')}
      </textarea>
      <button type="submit">Store new phase list</button>
    </form>
  </section>
)
