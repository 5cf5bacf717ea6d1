/**
 * The scenario graph: discovery, then every resource step sized by the plan, with OSHM's order
 * for `--concurrency 1`, and the documentation graph that `docs/scenario-graph.md` is
 * generated from.
 *
 * @module
 */
import { defineGraph } from '../engine/index.js'
import type { StepDefinition, StepGraph, StepShape } from '../engine/index.js'
import { shapeOnlyRuntime } from './env.js'
import type { ScenarioEnv } from './env.js'
import { scenarioOptions } from './options.js'
import type { ScenarioOptionsInput } from './options.js'
import { planIteration } from './plan.js'
import type { Discovered } from './plan.js'
import { discoverySteps } from './steps/discovery.js'
import { floatingIpSteps } from './steps/floating-ips.js'
import { keySteps } from './steps/keys.js'
import { loadBalancerCheckSteps } from './steps/lb-checks.js'
import { loadBalancerSteps } from './steps/load-balancer.js'
import { meshSteps } from './steps/mesh.js'
import { networkSteps } from './steps/network.js'
import { portSteps } from './steps/ports.js'
import { reachabilitySteps } from './steps/reachability.js'
import { securitySteps } from './steps/security.js'
import { serverSteps } from './steps/servers.js'
import { volumeSteps } from './steps/volumes.js'

/** Every resource step of the plan (after discovery), in graph order. */
export function resourceSteps(env: ScenarioEnv): StepDefinition[] {
  return [
    ...networkSteps(env),
    ...securitySteps(env),
    ...loadBalancerSteps(env),
    ...portSteps(env),
    ...keySteps(env),
    ...volumeSteps(env),
    ...serverSteps(env),
    ...floatingIpSteps(env),
    ...reachabilitySteps(env),
    ...meshSteps(env),
    ...loadBalancerCheckSteps(env),
  ]
}

/**
 * The resource phase's graph: discovery's steps replayed (their values, no calls, so the
 * resource steps' edges to them are real edges) plus the resource steps.
 *
 * @example
 * const graph = resourceGraph(discovery, outputs, env)
 */
export function resourceGraph(discovery: readonly StepDefinition[], outputs: ReadonlyMap<string, unknown>, env: ScenarioEnv): StepGraph {
  const replayed = discovery.map((found): StepDefinition => ({ ...found, limits: [], run: async () => outputs.get(found.id) }))
  return defineGraph([...replayed, ...resourceSteps(env)])
}

/** OSHM's sequence (§2.2–§2.5 of its description), as patterns over step ids; `#` is a number. */
const OSHM_SEQUENCE = [
  'compute-zones', 'volume-zones', 'network-zones', 'image', 'image-details', 'jh-image', 'flavor', 'jh-flavor', 'external-network',
  'router', 'router-gateway', 'net-jh', 'net-vm-#', 'subnet-jh', 'subnet-vm-#', 'router-if-jh', 'router-if-vm-#',
  'sg-jh', 'sg-internal', 'sg-jh-rules', 'sg-internal-rules', 'lb', 'jh-volume-#', 'vip-port', 'jh-port-#', 'jh-port-#-pairs',
  'vm-volume-#', 'keypair-jh', 'keypair-vm', 'vm-port-#', 'jh-volume-#-ready', 'jh-#', 'jh-fip-#', 'snat-route',
  'vm-volume-#-ready', 'vm-batch-#', 'vm-#', 'jh-#-active', 'lb-active', 'vm-#-active', 'vm-#-metadata',
  'lb-pool', 'lb-listener', 'lb-fip', 'lb-monitor', 'lb-member-#', 'jh-#-reach', 'jh-#-forward', 'vm-#-reach', 'vm-mesh',
  'lb-online', 'lb-traffic', 'lb-backends-stop', 'lb-failover', 'lb-backends-start', 'lb-recovered',
]
const PATTERNS = OSHM_SEQUENCE.map((pattern) => new RegExp(`^${pattern.replaceAll('#', '\\d+')}$`))

/**
 * The step ids in OSHM's order (for `--concurrency 1`); ids no pattern names follow in graph order.
 *
 * @example
 * runGraph(graph, { concurrency: 1, order: oshmOrder(graph.steps) })
 */
export function oshmOrder(steps: readonly StepShape[]): string[] {
  const ids = steps.map((shape) => shape.id)
  const ordered = PATTERNS.flatMap((pattern) => ids.filter((id) => pattern.test(id)))
  return [...ordered, ...ids.filter((id) => !ordered.includes(id))]
}

/** The plan's shape the documentation shows: two AZs, two VM networks, three VMs, boot from volume, the load balancer. */
export const DOCUMENTED_SHAPE: ScenarioOptionsInput = { vms: 3, networks: 2, bootMode: 'volume', loadBalancer: { enabled: true } }

/**
 * The graph of {@link DOCUMENTED_SHAPE}, built by the same code as every run (steps never run).
 *
 * @example
 * renderGraphDoc(documentationSteps(), { title: 'The scenario graph' })
 */
export function documentationSteps(): StepDefinition[] {
  const options = scenarioOptions.parse(DOCUMENTED_SHAPE)
  const found: Discovered = {
    computeZones: ['az1', 'az2'],
    volumeZones: ['az1', 'az2'],
    networkZones: ['az1', 'az2'],
    image: { id: 'image', minDiskGb: 5, sizeBytes: 0, originalUser: 'ubuntu' },
    jumpHostImage: { id: 'image', minDiskGb: 5 },
    flavor: { id: 'flavor', diskGb: 0 },
    jumpHostFlavor: { id: 'flavor', diskGb: 0 },
    externalNetworkId: 'public',
  }
  const env: ScenarioEnv = { options, plan: planIteration(options, found, 'gh-owner-run-'), rt: shapeOnlyRuntime() }
  const unusedSession = () => env.rt.session
  const steps = [...discoverySteps(options, unusedSession), ...resourceSteps(env)]
  defineGraph(steps)
  const order = oshmOrder(steps)
  return order.map((id) => steps.find((candidate) => candidate.id === id)!)
}
