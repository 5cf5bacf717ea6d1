/**
 * The words of the public postmortem pages and feed, in every language of the public pages
 * (English and German). Kept beside the pages rather than in the site catalogue: only these
 * pages use them.
 *
 * @module
 */
import type { Language } from '../../web/i18n/index.js'
import type { ActionItemStatus, TimelineKind } from '../types.js'

const en = {
  title: 'Postmortems',
  intro: 'Blameless reports of our incidents: what happened, what it did to you (measured), why, and what we change.',
  feed: 'Postmortems (Atom)',
  none: 'No postmortem matches this filter.',
  noneYet: 'No postmortem is published yet.',
  older: 'Older postmortems',
  newest: 'Newest postmortems',
  published: 'Published',
  updated: 'updated',
  revision: (n: number) => `revision ${n}`,
  tldr: 'Summary',
  impact: 'Impact',
  duration: 'Duration',
  ongoing: 'not over',
  period: 'Period',
  availability: 'Measured availability',
  errorRate: 'Failed checks',
  checks: 'Checks',
  downMinutes: 'Minutes not operational',
  noDataMinutes: 'Minutes without data',
  noMeasurements: 'no measurements',
  series: 'Component and location',
  howMeasured: 'How these numbers were measured',
  computedAt: 'computed at',
  methodology: 'methodology',
  noSeries: 'No measured series was affected.',
  timeline: 'Timeline',
  time: 'Time',
  what: 'What happened',
  kind: {
    'probe-failure': 'First failing check',
    'state-change': 'State changed',
    'incident-opened': 'Incident opened',
    'incident-update': 'Incident update',
    resolution: 'Resolved',
    note: 'Note',
  } satisfies Record<TimelineKind, string>,
  rootCause: 'Root cause',
  contributingFactors: 'Contributing factors',
  wentWell: 'What went well',
  wentBadly: 'What went badly',
  actionItems: 'Action items',
  noActionItems: 'No action items.',
  action: 'Action',
  owner: 'Owner',
  due: 'Due',
  status: 'Status',
  noDueDate: '–',
  itemStatus: { open: 'open', in_progress: 'in progress', done: 'done', wont_do: 'won’t do' } satisfies Record<ActionItemStatus, string>,
  incidents: 'Incidents',
  handbook: 'Handbook pages',
  revisions: 'Revision history',
  firstPublished: 'first published',
  noChangeNote: 'no note',
  changes: (from: number, to: number) => `Changes from revision ${from} to ${to}`,
  unchangedLines: (n: number) => `${n} unchanged ${n === 1 ? 'line' : 'lines'}`,
  noSuchPostmortem: 'There is no published postmortem at this address.',
  filterFrom: 'From',
  filterTo: 'To',
  filter: 'Filter',
  postmortemOf: 'Postmortem',
  permalink: 'Permanent link',
}

/** The words of the postmortem pages. */
export type PostmortemWords = typeof en

const de: PostmortemWords = {
  title: 'Postmortems',
  intro: 'Berichte über unsere Störungen ohne Schuldzuweisung: was geschah, was es für Sie bedeutete (gemessen), warum, und was wir ändern.',
  feed: 'Postmortems (Atom)',
  none: 'Kein Postmortem passt zu diesem Filter.',
  noneYet: 'Noch ist kein Postmortem veröffentlicht.',
  older: 'Ältere Postmortems',
  newest: 'Neueste Postmortems',
  published: 'Veröffentlicht',
  updated: 'geändert',
  revision: (n) => `Fassung ${n}`,
  tldr: 'Zusammenfassung',
  impact: 'Auswirkung',
  duration: 'Dauer',
  ongoing: 'nicht beendet',
  period: 'Zeitraum',
  availability: 'Gemessene Verfügbarkeit',
  errorRate: 'Fehlgeschlagene Prüfungen',
  checks: 'Prüfungen',
  downMinutes: 'Minuten nicht in Betrieb',
  noDataMinutes: 'Minuten ohne Daten',
  noMeasurements: 'keine Messungen',
  series: 'Komponente und Standort',
  howMeasured: 'Wie diese Zahlen gemessen wurden',
  computedAt: 'berechnet am',
  methodology: 'Methodik',
  noSeries: 'Keine gemessene Reihe war betroffen.',
  timeline: 'Ablauf',
  time: 'Zeit',
  what: 'Was geschah',
  kind: {
    'probe-failure': 'Erste fehlgeschlagene Prüfung',
    'state-change': 'Zustand geändert',
    'incident-opened': 'Störung eröffnet',
    'incident-update': 'Aktualisierung',
    resolution: 'Behoben',
    note: 'Anmerkung',
  },
  rootCause: 'Ursache',
  contributingFactors: 'Beitragende Faktoren',
  wentWell: 'Was gut lief',
  wentBadly: 'Was schlecht lief',
  actionItems: 'Maßnahmen',
  noActionItems: 'Keine Maßnahmen.',
  action: 'Maßnahme',
  owner: 'Verantwortlich',
  due: 'Fällig',
  status: 'Stand',
  noDueDate: '–',
  itemStatus: { open: 'offen', in_progress: 'in Arbeit', done: 'erledigt', wont_do: 'verworfen' },
  incidents: 'Störungen',
  handbook: 'Handbuchseiten',
  revisions: 'Änderungsverlauf',
  firstPublished: 'erstmals veröffentlicht',
  noChangeNote: 'ohne Anmerkung',
  changes: (from, to) => `Änderungen von Fassung ${from} zu ${to}`,
  unchangedLines: (n) => `${n} unveränderte ${n === 1 ? 'Zeile' : 'Zeilen'}`,
  noSuchPostmortem: 'Unter dieser Adresse ist kein Postmortem veröffentlicht.',
  filterFrom: 'Von',
  filterTo: 'Bis',
  filter: 'Filtern',
  postmortemOf: 'Postmortem',
  permalink: 'Dauerhafter Link',
}

const WORDS: Record<Language, PostmortemWords> = { en, de }

/**
 * The postmortem words of a language.
 *
 * @example
 * postmortemWords('de').timeline // 'Ablauf'
 */
export function postmortemWords(lang: Language): PostmortemWords {
  return WORDS[lang]
}
