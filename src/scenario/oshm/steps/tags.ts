/**
 * Tags (OSHM `-T`): every Neutron resource the iteration creates gets the owner's tag (what the
 * janitor in `src/scenario/cleanup` sweeps by, besides the name prefix) and the run's tag, by
 * `PUT /v2.0/{resource}/{id}/tags` right after its create — as OSC's `--tag` does, so the
 * tagging is its own timed call and works on clouds without tags in the create body.
 *
 * @module
 */
import type { TaggedResource } from '../../../openstack/index.js'
import { setTags } from '../../../openstack/index.js'
import { ownerTag } from '../../cleanup/index.js'
import type { Runtime } from '../env.js'

/**
 * The tags of one iteration: the owner's (`glasshouse-owner-<owner>`, the janitor's) and the
 * run's (`glasshouse-run-<prefix without its dash>`).
 *
 * @example
 * iterationTags('mon1', 'gh-mon1-3f9a2c-') // ['glasshouse-owner-mon1', 'glasshouse-run-gh-mon1-3f9a2c']
 */
export function iterationTags(owner: string, prefix: string): string[] {
  return [ownerTag(owner), `glasshouse-run-${prefix.replace(/-$/, '')}`]
}

/**
 * Tags a resource with the iteration's tags; nothing when the iteration does not tag.
 *
 * @example
 * await tagResource(rt, 'networks', created.id)
 */
export async function tagResource(rt: Pick<Runtime, 'session' | 'tags'>, resource: TaggedResource, id: string): Promise<void> {
  if (rt.tags.length > 0) await setTags(rt.session, resource, id, rt.tags)
}
