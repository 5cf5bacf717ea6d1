/**
 * Cleanup operations of Octavia load balancers (deleted with `cascade`, taking their listeners,
 * pools, members, monitors and VIP port along), Nova servers and keypairs, and Cinder volumes.
 *
 * @module
 */
import {
  deleteKeypair,
  deleteLoadBalancer,
  deleteServer,
  deleteVolume,
  listKeypairs,
  listLoadBalancers,
  listServers,
  listVolumes,
} from '../../openstack/index.js'
import type { CleanupKind } from './kinds.js'
import type { KindOps } from './kind-ops.js'

const exactly = (name: string) => `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`

/** Operations of the compute, block-storage and load-balancer kinds. */
export const COMPUTE_OPS: Readonly<Partial<Record<CleanupKind, KindOps>>> = {
  loadbalancer: {
    find: async (session, name) => (await listLoadBalancers(session, { name })).map((lb) => ({ id: lb.id, name: lb.name ?? '' })),
    remove: (session, { id }) => deleteLoadBalancer(session, id, { cascade: true, missingOk: true }),
    gone: {
      list: async (session) => (await listLoadBalancers(session)).map((lb) => ({ id: lb.id, status: lb.provisioning_status })),
      failed: (status) => status === 'ERROR',
      done: (status) => status === 'DELETED',
    },
  },
  server: {
    find: async (session, name) => (await listServers(session, { name: exactly(name) })).filter((server) => server.name === name),
    remove: (session, { id }) => deleteServer(session, id, { missingOk: true }),
    gone: {
      list: async (session) => (await listServers(session)).map((server) => ({ id: server.id, status: server.status })),
      failed: () => false,
      done: (status) => status === 'DELETED' || status === 'SOFT_DELETED',
    },
  },
  volume: {
    find: async (session, name) => (await listVolumes(session, { name })).map((volume) => ({ id: volume.id, name: volume.name ?? '' })),
    remove: (session, { id }) => deleteVolume(session, id, { missingOk: true }),
    gone: {
      list: async (session) => (await listVolumes(session)).map((volume) => ({ id: volume.id, status: volume.status })),
      failed: (status) => status === 'error_deleting',
      done: (status) => status === 'deleted',
    },
  },
  keypair: {
    find: async (session, name) => (await listKeypairs(session)).filter((keypair) => keypair.name === name).map((keypair) => ({ id: keypair.name, name: keypair.name })),
    remove: (session, { id }) => deleteKeypair(session, id, { missingOk: true }),
  },
}
