/**
 * Discovery, the iteration's first phase: availability zones (compute, volume, network; each
 * overridable), the image (by name and property filter) and its details, the flavors, and the
 * external network. Its answers fix the plan the resource phase is built from.
 *
 * @module
 */
import type { Flavor, Image, OpenStackSession } from '../../../openstack/index.js'
import { getImage, listComputeZones, listFlavors, listImages, listNetworkZones, listNetworks, listVolumeZones } from '../../../openstack/index.js'
import type { StepDefinition } from '../../engine/index.js'
import { ScenarioStepError, step } from '../env.js'
import type { ScenarioOptions } from '../options.js'
import type { Discovered } from '../plan.js'

/** The discovery steps; `session` is read only when a step runs. */
export function discoverySteps(options: ScenarioOptions, session: () => OpenStackSession): StepDefinition[] {
  const steps: StepDefinition[] = [
    step('compute-zones', 'compute', [], async () =>
      nonEmpty(options.availabilityZones ?? (await listComputeZones(session())).filter((zone) => zone.zoneState.available).map((zone) => zone.zoneName), 'compute availability zone'),
    ),
    step('volume-zones', 'block-storage', [], async () =>
      nonEmpty(options.volumeAvailabilityZones ?? (await listVolumeZones(session())).filter((zone) => zone.zoneState.available).map((zone) => zone.zoneName), 'volume availability zone'),
    ),
    step('network-zones', 'network', [], async () =>
      options.networkAvailabilityZones ?? (await listNetworkZones(session())).filter((zone) => zone.resource === 'network' && zone.state === 'available').map((zone) => zone.name),
    ),
    step('image', 'image', [], async () => (await findImage(session(), options.image, options.imageFilter)).id),
    step('image-details', 'image', [['image', 'image.id']], async (ctx) => getImage(session(), ctx.need<string>('image'))),
    step('flavor', 'compute', [], async () => findFlavor(session(), options.flavor)),
    step('jh-flavor', 'compute', [], async () => findFlavor(session(), options.jumpHostFlavor)),
    step('external-network', 'network', [], async () => {
      const external = await listNetworks(session(), { 'router:external': true })
      const chosen = options.externalNetwork === undefined ? external[0] : external.find((network) => network.name === options.externalNetwork || network.id === options.externalNetwork)
      if (!chosen) throw new ScenarioStepError(`no external network${options.externalNetwork === undefined ? '' : ` named ${options.externalNetwork}`}`, 'not_found')
      return chosen.id
    }),
  ]
  if (options.jumpHostImage !== undefined) {
    const name = options.jumpHostImage
    steps.push(step('jh-image', 'image', [], async () => getImage(session(), (await findImage(session(), name, options.imageFilter)).id)))
  }
  return steps
}

/**
 * What discovery found, from its steps' values.
 *
 * @example
 * const found = discovered(run.outputs, options)
 */
export function discovered(outputs: ReadonlyMap<string, unknown>, options: ScenarioOptions): Discovered {
  const image = outputs.get('image-details') as Image
  const jumpHostImage = (options.jumpHostImage === undefined ? image : outputs.get('jh-image')) as Image
  const flavor = outputs.get('flavor') as Flavor
  const jumpHostFlavor = outputs.get('jh-flavor') as Flavor
  return {
    computeZones: outputs.get('compute-zones') as string[],
    volumeZones: outputs.get('volume-zones') as string[],
    networkZones: outputs.get('network-zones') as string[],
    image: { id: image.id, minDiskGb: image.min_disk, sizeBytes: image.size ?? 0, originalUser: image.image_original_user ?? null },
    jumpHostImage: { id: jumpHostImage.id, minDiskGb: jumpHostImage.min_disk },
    flavor: { id: flavor.id, diskGb: flavor.disk },
    jumpHostFlavor: { id: jumpHostFlavor.id, diskGb: jumpHostFlavor.disk },
    externalNetworkId: outputs.get('external-network') as string,
  }
}

async function findImage(session: OpenStackSession, name: string, filter: Record<string, string>): Promise<Image> {
  const [image] = (await listImages(session, { name, ...filter })).filter((candidate) => candidate.status === 'active')
  const filtered = Object.entries(filter).map(([key, value]) => `${key}=${value}`)
  if (!image) throw new ScenarioStepError(`no active image named ${name}${filtered.length > 0 ? ` with ${filtered.join(', ')}` : ''}`, 'not_found')
  return image
}

async function findFlavor(session: OpenStackSession, name: string): Promise<Flavor> {
  const flavor = (await listFlavors(session)).find((candidate) => candidate.name === name || candidate.id === name)
  if (!flavor) throw new ScenarioStepError(`no flavor named ${name}`, 'not_found')
  return flavor
}

function nonEmpty(zones: string[], what: string): string[] {
  if (zones.length === 0) throw new ScenarioStepError(`no available ${what}`, 'not_found')
  return zones
}
