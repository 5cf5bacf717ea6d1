/**
 * Sections as the author writes them, applied to a postmortem: unchanged fields stay, action
 * items keep their ids (new ones get one).
 *
 * @module
 */
import { newId } from '../core/index.js'
import type { ParsedSections } from './inputs.js'
import type { PostmortemSections } from './types.js'

/** The sections of a new draft before the author wrote anything. */
export function emptySections(title: string): PostmortemSections {
  return {
    title, tldr: '', impactSummary: '', rootCause: '', contributingFactors: '', wentWell: '', wentBadly: '', internalNotes: '',
    actionItems: [], redactions: [], handbookPages: [],
  }
}

/**
 * `current` with the fields `input` names replaced.
 *
 * @example
 * applySections(current, { tldr: 'Starting servers failed for an hour.' })
 */
export function applySections(current: PostmortemSections, input: ParsedSections | undefined): PostmortemSections {
  if (input === undefined) return current
  const { actionItems, redactions, handbookPages, ...texts } = input
  const defined = Object.fromEntries(Object.entries(texts).filter(([, value]) => value !== undefined)) as Partial<PostmortemSections>
  return {
    ...current,
    ...defined,
    ...(actionItems === undefined ? {} : { actionItems: actionItems.map((item) => ({ ...item, id: item.id ?? newId() })) }),
    ...(redactions === undefined ? {} : { redactions: [...new Set(redactions)] }),
    ...(handbookPages === undefined ? {} : { handbookPages: [...new Set(handbookPages)] }),
  }
}
