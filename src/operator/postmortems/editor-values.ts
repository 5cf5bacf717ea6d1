/**
 * The postmortem editor's values as the form holds them (strings and ticks), read from a stored
 * postmortem or from a posted form, and turned into a {@link PostmortemEdit}. A refused save
 * renders the editor again from the posted values, so nothing the author typed is lost.
 *
 * @module
 */
import { newId } from '../../core/index.js'
import type { PostmortemEdit } from '../../postmortems/ports.js'
import { ACTION_ITEM_STATUSES, type ActionItem, type ActionItemStatus, type Postmortem, type PostmortemSections } from '../../postmortems/types.js'
import { field } from '../writes.js'

/** The free-text sections, in the order the editor shows them. */
export const TEXT_SECTIONS = ['title', 'tldr', 'impactSummary', 'rootCause', 'contributingFactors', 'wentWell', 'wentBadly', 'internalNotes'] as const

/** One of {@link TEXT_SECTIONS}. */
export type TextSection = (typeof TEXT_SECTIONS)[number]

/** An action item row of the form (the last row of the form is blank, to add one). */
export interface ActionItemValues {
  /** '' for a row being added. */
  id: string
  title: string
  ownerRole: string
  dueDate: string
  status: string
  url: string
  internal: boolean
  remove: boolean
}

/** What the author set on one timeline entry. */
export interface EntryValues {
  annotation: string
  internal: boolean
  /** Only for `note` entries. */
  remove: boolean
}

/** Everything the editor form holds. */
export interface EditorValues {
  /** The revision the form was loaded at. */
  revision: number
  sections: Record<TextSection, string>
  /** One phrase per line. */
  redactions: string
  /** One handbook slug per line. */
  handbookPages: string
  changeNote: string
  timeline: Record<string, EntryValues>
  newNote: { at: string; text: string; internal: boolean }
  actionItems: ActionItemValues[]
}

/** A problem with one form field (`name` as the form posts it; '' for the form as a whole). */
export interface FieldError {
  name: string
  message: string
}

/** The form's fields refused before the service sees them. */
export class EditorInputError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => error.message).join('; '))
    this.name = 'EditorInputError'
  }
}

type Form = Record<string, unknown>

const ticked = (form: Form, name: string) => field(form, name) === 'yes'
const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')

/** Field names of the form, shared by the view and the parser. */
export const names = {
  annotation: (entryId: string) => `annotation.${entryId}`,
  internal: (entryId: string) => `internal.${entryId}`,
  removeNote: (entryId: string) => `removeNote.${entryId}`,
  item: (index: number, part: keyof ActionItemValues) => `item.${index}.${part}`,
}

const blankItem = (): ActionItemValues => ({ id: '', title: '', ownerRole: '', dueDate: '', status: 'open', url: '', internal: false, remove: false })

/** The values of a stored postmortem, as the editor first shows them. */
export function valuesOf(postmortem: Postmortem): EditorValues {
  const sections = Object.fromEntries(TEXT_SECTIONS.map((name) => [name, postmortem[name]])) as Record<TextSection, string>
  return {
    revision: postmortem.revision,
    sections,
    redactions: postmortem.redactions.join('\n'),
    handbookPages: postmortem.handbookPages.join('\n'),
    changeNote: '',
    timeline: Object.fromEntries(postmortem.timeline.map((entry) => [entry.id, { annotation: entry.annotation ?? '', internal: entry.internal, remove: false }])),
    newNote: { at: '', text: '', internal: false },
    actionItems: [
      ...postmortem.actionItems.map((item) => ({ id: item.id, title: item.title, ownerRole: item.ownerRole, dueDate: item.dueDate ?? '', status: item.status, url: item.url ?? '', internal: item.internal, remove: false })),
      blankItem(),
    ],
  }
}

/** The values a posted editor form holds (for entries of `postmortem`'s timeline). */
export function valuesFromForm(form: Form, postmortem: Postmortem): EditorValues {
  const rows = Math.min(Number.parseInt(field(form, 'items'), 10) || 0, 500)
  const actionItems = Array.from({ length: rows }, (_, index) => ({
    id: field(form, names.item(index, 'id')),
    title: field(form, names.item(index, 'title')),
    ownerRole: field(form, names.item(index, 'ownerRole')),
    dueDate: field(form, names.item(index, 'dueDate')),
    status: field(form, names.item(index, 'status')) || 'open',
    url: field(form, names.item(index, 'url')),
    internal: ticked(form, names.item(index, 'internal')),
    remove: ticked(form, names.item(index, 'remove')),
  }))
  if (actionItems.length === 0 || actionItems.at(-1)!.id !== '' || actionItems.at(-1)!.title !== '') actionItems.push(blankItem())
  return {
    revision: Number.parseInt(field(form, 'revision'), 10),
    sections: Object.fromEntries(TEXT_SECTIONS.map((name) => [name, field(form, name)])) as Record<TextSection, string>,
    redactions: field(form, 'redactions'),
    handbookPages: field(form, 'handbookPages'),
    changeNote: field(form, 'changeNote'),
    timeline: Object.fromEntries(
      postmortem.timeline.map((entry) => [
        entry.id,
        { annotation: field(form, names.annotation(entry.id)), internal: ticked(form, names.internal(entry.id)), remove: entry.kind === 'note' && ticked(form, names.removeNote(entry.id)) },
      ]),
    ),
    newNote: { at: field(form, 'noteAt'), text: field(form, 'noteText'), internal: ticked(form, 'noteInternal') },
    actionItems,
  }
}

/** A `datetime-local` value read as UTC, or null when it is not one. */
export function utcInstant(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null
  const instant = Date.parse(`${value}Z`)
  return Number.isNaN(instant) ? null : instant
}

function itemsOf(values: EditorValues, errors: FieldError[]): { items: ActionItem[]; rowOfItem: number[] } {
  const items: ActionItem[] = []
  const rowOfItem: number[] = []
  values.actionItems.forEach((row, index) => {
    if (row.remove || (row.id === '' && row.title === '' && row.ownerRole === '' && row.url === '')) return
    if (row.title === '') errors.push({ name: names.item(index, 'title'), message: 'an action item needs a title' })
    if (row.ownerRole === '') errors.push({ name: names.item(index, 'ownerRole'), message: 'name the owning role (a team or rota, not a person)' })
    if (row.dueDate !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(row.dueDate)) errors.push({ name: names.item(index, 'dueDate'), message: 'expected a date such as 2027-01-31' })
    if (!(ACTION_ITEM_STATUSES as readonly string[]).includes(row.status)) errors.push({ name: names.item(index, 'status'), message: `one of ${ACTION_ITEM_STATUSES.join(', ')}` })
    if (row.url !== '' && !/^https?:\/\/\S+$/.test(row.url)) errors.push({ name: names.item(index, 'url'), message: 'expected an http(s) link' })
    items.push({ id: row.id || newId(), title: row.title, ownerRole: row.ownerRole, dueDate: row.dueDate || null, status: row.status as ActionItemStatus, url: row.url || null, internal: row.internal })
    rowOfItem.push(index)
  })
  return { items, rowOfItem }
}

function timelineOf(values: EditorValues, postmortem: Postmortem, errors: FieldError[]): NonNullable<PostmortemEdit['timeline']> {
  const annotate = postmortem.timeline.flatMap((entry) => {
    const wanted = values.timeline[entry.id]
    if (wanted === undefined || wanted.remove) return []
    const annotation = wanted.annotation === '' ? null : wanted.annotation
    return annotation === entry.annotation && wanted.internal === entry.internal ? [] : [{ id: entry.id, annotation, internal: wanted.internal }]
  })
  const removeNotes = postmortem.timeline.filter((entry) => values.timeline[entry.id]?.remove === true).map((entry) => entry.id)
  const addNotes: { at: number; text: string; internal: boolean }[] = []
  if (values.newNote.text !== '' || values.newNote.at !== '') {
    const at = utcInstant(values.newNote.at)
    if (at === null) errors.push({ name: 'noteAt', message: 'give the time of the note, such as 2026-12-07T04:10 (UTC)' })
    if (values.newNote.text === '') errors.push({ name: 'noteText', message: 'write what happened' })
    if (at !== null && values.newNote.text !== '') addNotes.push({ at, text: values.newNote.text, internal: values.newNote.internal })
  }
  return { annotate, addNotes, removeNotes }
}

/**
 * The edit the form asks for, and which form row each saved action item came from (to place the
 * service's complaints). Throws an {@link EditorInputError} listing every refused field.
 */
export function editOf(values: EditorValues, postmortem: Postmortem): { edit: PostmortemEdit; rowOfItem: number[] } {
  const errors: FieldError[] = []
  if (!Number.isInteger(values.revision)) errors.push({ name: '', message: 'the form lost its revision; reload the page' })
  if (values.sections.title === '') errors.push({ name: 'title', message: 'give the postmortem a title' })
  if (postmortem.status === 'published' && values.changeNote === '') errors.push({ name: 'changeNote', message: 'this postmortem is published: say what you changed and why (shown publicly)' })
  const { items, rowOfItem } = itemsOf(values, errors)
  const timeline = timelineOf(values, postmortem, errors)
  if (errors.length > 0) throw new EditorInputError(errors)
  const sections: Partial<PostmortemSections> = { ...values.sections, redactions: lines(values.redactions), handbookPages: lines(values.handbookPages), actionItems: items }
  const edit: PostmortemEdit = { revision: values.revision, sections, timeline, ...(values.changeNote === '' ? {} : { changeNote: values.changeNote }) }
  return { edit, rowOfItem }
}
