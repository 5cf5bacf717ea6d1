/**
 * The probe of each check kind.
 *
 * @module
 */
import type { CatalogCheck, DnsCheck, HeartbeatCheck, HttpCheck, ScenarioCheck, TcpCheck, TlsCheck } from '../config/check-schema.js'
import { dnsProbe } from './dns/index.js'
import { httpProbe } from './http/index.js'
import type { Probe } from './probe.js'
import { tcpProbe } from './tcp/index.js'
import { tlsProbe } from './tls/index.js'
import { catalogProbe } from './catalog/index.js'
import { scenarioProbe } from './scenario/index.js'
import { heartbeatProbe } from './heartbeat/index.js'

/** Probes by check kind. */
export interface ProbesByKind {
  http: Probe<HttpCheck>
  tcp: Probe<TcpCheck>
  dns: Probe<DnsCheck>
  tls: Probe<TlsCheck>
  catalog: Probe<CatalogCheck>
  scenario: Probe<ScenarioCheck>
  heartbeat: Probe<HeartbeatCheck>
}

/**
 * Every probe, by the `kind` of the check it measures.
 *
 * @example
 * await PROBES.tcp({ check, signal, clock, log })
 */
export const PROBES: Readonly<ProbesByKind> = { http: httpProbe, tcp: tcpProbe, dns: dnsProbe, tls: tlsProbe, catalog: catalogProbe, scenario: scenarioProbe, heartbeat: heartbeatProbe }
