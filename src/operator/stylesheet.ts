/**
 * The operator stylesheet: the public page's theme (same palette, light and dark) plus the rules
 * forms and button rows need. Served as a file, because the CSP allows no inline style.
 *
 * @module
 */
import type { PageConfig } from '../config/index.js'
import { pageStyles } from '../web/theme.js'

const OPERATOR_RULES = `
body.operator { max-width: 72rem; }
.site nav { display: flex; flex-wrap: wrap; gap: .25rem; align-items: baseline; }
form.inline { display: inline; }
button { cursor: pointer; } button.link { border: 0; padding: 0; background: none; color: var(--accent); text-decoration: underline; }
button.primary { background: var(--accent); color: var(--bg); border-color: var(--accent); }
form.stack { display: flex; flex-direction: column; gap: .5rem; max-width: 40rem; }
form.stack textarea, form.stack input[type=text], form.stack input[type=password], form.stack select { width: 100%; }
textarea { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: .25rem; padding: .25rem .5rem; min-height: 6rem; }
fieldset { border: 1px solid var(--line); border-radius: .5rem; }
.flash { padding: .5rem .75rem; border-radius: .5rem; border: 1px solid var(--line); background: var(--card); }
.flash-error { border-color: var(--s-major-outage); }
.buttons { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
table.grid { width: 100%; } table.grid td, table.grid th { text-align: left; vertical-align: top; }
`

/**
 * The stylesheet for `colours` (config `page.colours`).
 *
 * @example
 * operatorStyles(PageSchema.parse({}).colours)
 */
export function operatorStyles(colours: PageConfig['colours']): string {
  return pageStyles(colours) + OPERATOR_RULES
}
