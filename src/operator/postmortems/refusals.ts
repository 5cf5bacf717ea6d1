/**
 * How the postmortem pages tell a refused write (bad input, a stale revision, a publish the
 * rules forbid) from a failure: a refusal is one of the service's errors with a stable code; it
 * becomes a message — placed next to its field when the service named one.
 *
 * @module
 */
import { InvalidInputError, type InputIssue } from '../../incidents/index.js'
import { describeError } from '../writes.js'
import { names, TEXT_SECTIONS, type FieldError } from './editor-values.js'

const PLAIN_FIELDS = new Set<string>([...TEXT_SECTIONS, 'redactions', 'handbookPages', 'changeNote'])

interface Refusal {
  message: string
  issues: readonly InputIssue[]
}

/** The refusal `error` is, or null when it is a failure (which the server logs and answers with 500). */
export function refusalOf(error: unknown): Refusal | null {
  const message = describeError(error)
  if (message === null) return null
  return { message, issues: error instanceof InvalidInputError ? error.issues : [] }
}

/**
 * The form field a service issue path points at (`sections.tldr` → `tldr`,
 * `sections.redactions.1` → `redactions`, `sections.actionItems.2.title` → the form row that
 * item came from), else '' (the whole form).
 */
export function fieldOfIssue(path: string, rowOfItem: readonly number[]): string {
  const bare = path.replace(/^sections\./, '')
  const item = /^actionItems\.(\d+)\.(title|ownerRole|dueDate|status|url)$/.exec(bare)
  if (item !== null) {
    const row = rowOfItem[Number(item[1])]
    return row === undefined ? '' : names.item(row, item[2] as 'title')
  }
  const list = /^(redactions|handbookPages)\.\d+$/.exec(bare)
  if (list !== null) return list[1]!
  return PLAIN_FIELDS.has(bare) ? bare : ''
}

/** A refusal as field errors (unplaced issues, or the message, go to the whole form). */
export function fieldErrorsOf(refusal: Refusal, rowOfItem: readonly number[]): FieldError[] {
  if (refusal.issues.length === 0) return [{ name: '', message: refusal.message }]
  return refusal.issues.map((issue) => {
    const name = fieldOfIssue(issue.path, rowOfItem)
    const line = /^sections\.(?:redactions|handbookPages)\.(\d+)$/.exec(issue.path)
    const message = line === null ? issue.message : `entry ${Number(line[1]) + 1}: ${issue.message}`
    return { name, message: name === '' ? `${issue.path}: ${issue.message}` : message }
  })
}
