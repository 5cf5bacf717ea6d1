/**
 * Keeps a generated graph page equal to its graph: a test calls {@link assertGraphDoc}; with
 * `UPDATE_DOCS=1` it rewrites the page instead of comparing.
 *
 * @module
 */
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { renderGraphDoc } from '../../src/scenario/index.js'
import type { GraphDocOptions, StepShape } from '../../src/scenario/index.js'

/**
 * Fails when `file` differs from the page generated from `steps`.
 *
 * @example
 * test('docs/scenario-graph.md matches the graph', () => assertGraphDoc('docs/scenario-graph.md', graph.steps, options))
 */
export function assertGraphDoc(file: string, steps: readonly StepShape[], options: GraphDocOptions): void {
  const expected = renderGraphDoc(steps, options)
  if (process.env.UPDATE_DOCS === '1') writeFileSync(file, expected)
  let actual = ''
  try {
    actual = readFileSync(file, 'utf8')
  } catch {
    actual = '(missing)'
  }
  assert.equal(actual, expected, `${file} does not match its graph; regenerate with UPDATE_DOCS=1 and the same test`)
}
