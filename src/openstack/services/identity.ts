/**
 * Keystone (identity v3) beyond tokens: the projects the user may scope to.
 *
 * @module
 */
import { z } from 'zod'
import type { OpenStackSession } from '../client/index.js'
import { many, versioned } from './shared.js'

/** A project the token's user has a role on. */
export const ProjectSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  domain_id: z.string().optional(),
  enabled: z.boolean().optional(),
})
/** A Keystone project. */
export type Project = z.infer<typeof ProjectSchema>

/**
 * The projects available to the user (`GET /v3/auth/projects`), allowed for any role.
 *
 * @example
 * (await listAuthProjects(session)).map((project) => project.name) // ['demo']
 */
export async function listAuthProjects(session: OpenStackSession): Promise<Project[]> {
  return many(session, 'identity', 'identity.projects.list', await versioned(session, 'identity', 'v3', '/auth/projects'), {}, ProjectSchema, 'projects', {})
}
