/**
 * Reachability as a customer sees it, with a customer's own tools (Debian's `ping` and OpenSSH
 * client): ping and SSH to the jump hosts, iptables port forwarding through them to every VM,
 * the user-data marker, outbound ping + DNS with a fallback target, and the full mesh. Every
 * check returns a timed, classified {@link CheckOutcome}; `requirePassed` turns one into a
 * scenario step's failure, `toResultStep` into a result step. Independent of any cloud.
 *
 * @example
 * import { checkJumpHost, checkVmViaForward, configurePortForwarding, groupByJumpHost, planForwards,
 *   requirePassed, withSshClient } from '../reachability/index.js'
 * await withSshClient({ privateKey, user: 'debian' }, async (ssh) => {
 *   requirePassed((await checkJumpHost(ssh, jh0)).outcomes.at(-1)!)
 *   const plan = planForwards([jh0], vms)
 *   for (const forwards of groupByJumpHost(plan).values()) requirePassed(await configurePortForwarding(ssh, forwards))
 *   for (const forward of plan) await checkVmViaForward(ssh, forward, { marker: `glasshouse.${prefix}${forward.vm.name}` })
 * })
 *
 * @module
 */
export { checkJumpHost, checkVmViaForward, DEFAULT_MARKER_PATH } from './guest-checks.js'
export type { GuestReport, JumpHostCheckOptions, VmCheckOptions } from './guest-checks.js'
export { generateSshKeyPair } from './keys.js'
export type { SshKeyPair } from './keys.js'
export { fullMeshPing } from './mesh.js'
export type { MeshOptions, MeshOutcome } from './mesh.js'
export { DEFAULT_PING_TARGETS, outboundPing } from './outbound.js'
export type { OutboundOutcome, OutboundTargets } from './outbound.js'
export { ReachabilityError, requirePassed, toResultStep } from './outcome.js'
export type { CheckFailure, CheckOutcome, CheckRuntime, RetryPolicy } from './outcome.js'
export { JUMP_HOST_PING_RETRY, pingHost } from './ping.js'
export { BACKEND_STATE_FILE, backendScript, controlBackend, DEFAULT_BACKEND_DIRECTORY } from './lb-backend.js'
export type { BackendControlOptions, BackendOutcome } from './lb-backend.js'
export { BACKEND_NAME_PATH, checkLbTraffic, describeAnswers, LB_REQUEST_TIMEOUT_MS } from './lb-traffic.js'
export type { LbRequestRecord, LbTrafficExpectation, LbTrafficOutcome, LbTrafficTarget } from './lb-traffic.js'
export type { PingOptions, PingOutcome } from './ping.js'
export { configurePortForwarding, FIRST_FORWARDED_PORT, forwardingScript, groupByJumpHost, planForwards } from './port-forward.js'
export type { ConfigureForwardingOptions, Forward, ForwardingSettings, Host } from './port-forward.js'
export { JUMP_HOST_SSH_RETRY, openSshClient, SshClient, VM_SSH_RETRY, withSshClient } from './ssh-client.js'
export type { SshClientOptions, SshOutcome, SshRunOptions, SshTarget } from './ssh-client.js'
