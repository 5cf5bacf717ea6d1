/**
 * The graph's documentation, generated from the graph itself so it cannot drift: one table row
 * per edge (step, service, the step it needs, the API field that forces it).
 *
 * @module
 */
import type { StepShape } from './graph.js'

/** What the generated page says around the table. */
export interface GraphDocOptions {
  title: string
  /** Paragraphs before the table (markdown). */
  intro?: string
  /** How to regenerate the page, shown under the title. */
  regenerate?: string
}

/**
 * Renders the markdown page of a graph; steps in the order given.
 *
 * @example
 * writeFileSync('docs/scenario-graph.md', renderGraphDoc(scenarioGraph.steps, { title: 'The scenario graph' }))
 */
export function renderGraphDoc(steps: readonly StepShape[], options: GraphDocOptions): string {
  const lines = [`# ${options.title}`, '']
  if (options.regenerate) lines.push(`<!-- Generated from the graph; do not edit. Regenerate: ${options.regenerate} -->`, '')
  if (options.intro) lines.push(options.intro.trim(), '')
  lines.push('| Step | Service | Limits | Needs | Because of (API field) |', '|---|---|---|---|---|')
  for (const step of steps) {
    const limits = (step.limits ?? [step.service]).join(', ') || '—'
    const needs = step.needs ?? []
    if (needs.length === 0) lines.push(row([code(step.id), step.service, limits, '—', '—']))
    needs.forEach((need, index) => {
      const head = index === 0 ? [code(step.id), step.service, limits] : ['', '', '']
      lines.push(row([...head, code(need.step), code(need.field)]))
    })
  }
  return `${lines.join('\n')}\n`
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`
}
