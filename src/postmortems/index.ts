/**
 * Postmortems: blameless reports attached to incidents, built from stored evidence, reviewed,
 * published at a permalink that never expires and revised in the open. The service is the one
 * door for writes; {@link publicPostmortem} is the one projection every public output uses.
 *
 * @module
 */
export * from './types.js'
export type { ActionItemInput, EvidenceBuilder, NewPostmortem, SectionsInput, PostmortemEdit, PostmortemEvidence, PostmortemService, PublishedQuery } from './ports.js'
export { createPostmortemService, REFRESH_NOTE, type PostmortemServiceOptions } from './service.js'
export { postmortemServiceOver } from './wiring.js'
export { publicPostmortem, redactor } from './public-projection.js'
export { PostmortemNotFoundError, RevisionConflictError } from './errors.js'
export { RedactionPhraseSchema, SECTION_MAX } from './inputs.js'
export { PUBLISHED_PAGE } from './reads.js'
