/**
 * Root volumes from the image (boot mode `volume`): one per jump host and one per VM, each in
 * its volume AZ, then a wait until `available`. The teardown waits for a volume to be detached,
 * deletes it and waits until it is gone.
 *
 * @module
 */
import type { Image } from '../../../openstack/index.js'
import { createVolume, deleteVolume } from '../../../openstack/index.js'
import type { StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { names } from '../plan.js'

/** A volume or server create: its id and when it was requested (the start of its creation time). */
export interface Requested {
  id: string
  requestedAt: number
}

/** The step holding a role's image: the jump-host image when one is configured. */
export function imageStep(env: Pick<ScenarioEnv, 'options'>, role: 'jh' | 'vm'): string {
  return role === 'jh' && env.options.jumpHostImage !== undefined ? 'jh-image' : 'image-details'
}

/** The volume steps (none unless the boot mode is `volume`). */
export function volumeSteps(env: ScenarioEnv): StepDefinition[] {
  const { options, plan, rt } = env
  const volume = (id: string, role: 'jh' | 'vm', name: string, zone: string, size: number): StepDefinition[] => {
    const image = imageStep(env, role)
    return [
      step(id, 'block-storage', [[image, 'volume.imageRef']], async (ctx) => {
        const requestedAt = rt.clock.now()
        const body = { name, size, imageRef: ctx.need<Image>(image).id, availability_zone: zone, ...(options.volumeType ? { volume_type: options.volumeType } : {}) }
        const created = await rt.ledger.create(ctx, {
          kind: 'volume',
          name,
          create: () => createVolume(rt.session, body),
          idOf: (made) => made.id,
          remove: async (volumeId) => {
            await rt.waits.volumeFree(volumeId, rt.clock.now())
            const deleting = rt.clock.now()
            if (await deleteVolume(rt.session, volumeId, { missingOk: true })) await rt.waits.volumeGone(volumeId, deleting)
          },
        })
        return { id: created.id, requestedAt } satisfies Requested
      }),
      step(`${id}-ready`, 'block-storage', [[id, 'volume.id (polled until available)']], async (ctx) => {
        const { id: volumeId, requestedAt } = ctx.need<Requested>(id)
        await rt.waits.volumeAvailable(volumeId, requestedAt)
        return volumeId
      }, []),
    ]
  }
  const steps: StepDefinition[] = []
  if (plan.jumpHostBoot === 'volume') {
    for (const jh of plan.jumpHosts) steps.push(...volume(`jh-volume-${jh.number}`, 'jh', names.jumpHostVolume(plan.prefix, jh.number), jh.volumeZone, plan.jumpHostVolumeGb))
  }
  if (plan.vmBoot === 'volume') {
    for (const vm of plan.vms) steps.push(...volume(`vm-volume-${vm.number}`, 'vm', names.vmVolume(plan.prefix, vm.number), vm.volumeZone, plan.vmVolumeGb))
  }
  return steps
}
