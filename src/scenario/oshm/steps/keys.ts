/**
 * The keypairs: generated locally per iteration (see ssh-key.ts), the public halves uploaded to
 * Nova as `Keypair_JH` and `Keypair_VM`. A failed upload deletes the keypair (OSHM) and fails.
 *
 * @module
 */
import { createKeypair, deleteKeypair } from '../../../openstack/index.js'
import type { StepDefinition } from '../../engine/index.js'
import { step } from '../env.js'
import type { ScenarioEnv } from '../env.js'
import { names } from '../plan.js'
import type { SshKey } from '../ssh-key.js'

/** The keypair steps. */
export function keySteps({ plan, rt }: ScenarioEnv): StepDefinition[] {
  const keypair = (id: string, name: string, key: () => SshKey): StepDefinition =>
    step(id, 'compute', [], async (ctx) => {
      const created = await rt.ledger.create(ctx, {
        kind: 'keypair',
        name,
        create: async () => {
          try {
            return await createKeypair(rt.session, { name, public_key: key().publicKey, type: 'ssh' })
          } catch (error) {
            await deleteKeypair(rt.session, name, { missingOk: true }).catch(() => undefined)
            throw error
          }
        },
        idOf: (made) => made.name,
        remove: async (keyName) => void (await deleteKeypair(rt.session, keyName, { missingOk: true })),
      })
      return created.id
    })
  return [keypair('keypair-jh', names.jumpHostKeypair(plan.prefix), () => rt.keys.jumpHost), keypair('keypair-vm', names.vmKeypair(plan.prefix), () => rt.keys.vm)]
}
