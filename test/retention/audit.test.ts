/**
 * Retention of the audit trail: the sweep removes the oldest entries behind an attested anchor,
 * `audit verify` still proves the kept chain and says what was removed, and every other way of
 * removing or changing entries is still caught — a changed kept entry, a front deleted without
 * retention, an anchor moved by hand, a gap after the anchor.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { verifyAuditChain } from '../../src/audit/index.js'
import { main } from '../../src/cli/index.js'
import { DEFAULT_RETENTION, sweep } from '../../src/retention/index.js'
import type { Store } from '../../src/store/index.js'
import { rawDb } from '../audit/raw-db.js'
import { captureIo } from '../support/cli-io.js'
import { DIALECTS, dialectParts, withStore } from '../store/harness.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-12-07T03:00:00Z')
const POLICY = { ...DEFAULT_RETENTION, rawMs: null, auditMs: 30 * DAY }

/** Appends entries at the given instants, in order. */
async function append(store: Store, ats: readonly number[]): Promise<void> {
  for (const [n, at] of ats.entries()) {
    await store.writeDeclared((tx) =>
      tx.audit.append({ at, actor: 'oncall', action: 'incident.update', objectType: 'incident', objectId: `i-${n}`, before: null, after: { n }, door: 'api' }),
    )
  }
}

/** Five entries 40 days old, then four 10 days old (seq 1–5 old, 6–9 recent). */
const AGES = [...Array.from({ length: 5 }, (_, n) => NOW - 40 * DAY + n), ...Array.from({ length: 4 }, (_, n) => NOW - 10 * DAY + n)]

async function reason(store: Store): Promise<string> {
  const verdict = await verifyAuditChain(store.audit)
  assert.equal(verdict.intact, false, JSON.stringify(verdict))
  return verdict.intact ? '' : verdict.reason
}

const parts = dialectParts()
for (const dialect of DIALECTS) {
  const part = parts[dialect]
  describe(`audit retention on ${dialect}`, { skip: part.available ? false : part.skip }, () => {
    test('prunes the old front after one attestation; verify reports the anchor; a changed kept entry still fails', () =>
      withStore(dialect, async (store, fresh) => {
        await append(store, AGES)
        const counts = await sweep(store, POLICY, NOW)
        assert.equal(counts.auditEntries, 5)
        const kept = await store.audit.page({ limit: 100 })
        assert.deepEqual(kept.map((entry) => entry.seq), [6, 7, 8, 9, 10])
        const attestation = kept.at(-1)!
        assert.equal(attestation.action, 'retention.audit-pruned')
        assert.deepEqual([attestation.actor, attestation.door, attestation.objectType], ['retention', 'system', 'audit-trail'])
        assert.deepEqual(attestation.after, { upToSeq: 5, upToHash: kept[0]!.prevHash, count: 5, olderThan: NOW - 30 * DAY })
        const verdict = await verifyAuditChain(store.audit)
        assert.deepEqual(verdict, { intact: true, entries: 5, head: { seq: 10, hash: attestation.hash }, firstSeq: 6, anchor: { seq: 5, hash: kept[0]!.prevHash, at: NOW } })
        assert.equal((await sweep(store, POLICY, NOW)).auditEntries, 0, 'a rerun removes nothing and attests nothing')
        assert.equal((await store.audit.page({ limit: 100 })).length, 5)

        const raw = rawDb(fresh.options)
        try {
          await raw.updateTable('audit_events').set({ actor: 'mallory' }).where('seq', '=', 7).execute()
          assert.equal(await reason(store), 'its content does not match its hash (the entry was changed)')
        } finally {
          await raw.destroy()
        }
      }))

    test('the CLI says what retention removed and from where the chain is verified', () =>
      withStore(dialect, async (store, fresh) => {
        await append(store, AGES)
        await sweep(store, POLICY, NOW)
        const cli = captureIo({})
        const flags = fresh.options.databaseUrl === undefined ? ['--data-dir', fresh.options.dataDir] : ['--database-url', fresh.options.databaseUrl]
        const code = await main(['audit', 'verify', ...flags], cli.io)
        assert.equal(code, 0, cli.err())
        assert.match(cli.out(), /^audit chain intact: 5 entries, head 10 [0-9a-f]{64} \(entries 1–5 removed by retention on 2026-12-07; chain verified from 6\)\n$/)
      }))

    test('a front deleted without retention, a gap after the anchor and an anchor moved by hand all fail', () =>
      withStore(dialect, async (store, fresh) => {
        await append(store, AGES)
        const raw = rawDb(fresh.options)
        try {
          await raw.deleteFrom('audit_events').where('seq', '<=', 2).execute()
          assert.equal(await reason(store), 'entries 1–2 are missing before this one', 'a deleted front is no anchor')
        } finally {
          await raw.destroy()
        }
      }).then(() =>
        withStore(dialect, async (store, fresh) => {
          await append(store, AGES)
          await sweep(store, POLICY, NOW)
          const raw = rawDb(fresh.options)
          try {
            const sixth = await raw.selectFrom('audit_events').select(['hash']).where('seq', '=', 6).executeTakeFirstOrThrow()
            await raw.deleteFrom('audit_events').where('seq', '=', 6).execute()
            assert.equal(await reason(store), 'entries 6–6 are missing before this one')
            await raw.updateTable('audit_chain_head').set({ anchor_seq: 6, anchor_hash: sixth.hash }).execute()
            assert.equal(await reason(store), `entries 1–6 were removed but no retention.audit-pruned entry attests it (entries were deleted)`)
          } finally {
            await raw.destroy()
          }
        }),
      ))

    test('an interrupted prune verifies; the next sweep finishes it and may remove older attestations', () =>
      withStore(dialect, async (store) => {
        await append(store, AGES)
        const attestation = await store.retention.attestAuditPrune(NOW - 30 * DAY, NOW)
        assert.equal(attestation?.upToSeq, 5)
        assert.equal(await store.retention.pruneAudit(5, 2, NOW), 2, 'one small batch, then the process died')
        const halfway = await verifyAuditChain(store.audit)
        assert.equal(halfway.intact, true, JSON.stringify(halfway))
        assert.equal(halfway.intact && halfway.anchor?.seq, 2)

        const later = NOW + 25 * DAY
        assert.equal((await sweep(store, POLICY, later)).auditEntries, 7, 'the rest of the old front and the recent four, now old too')
        assert.deepEqual((await store.audit.page({ limit: 100 })).map((entry) => [entry.seq, entry.action]), [[10, 'retention.audit-pruned'], [11, 'retention.audit-pruned']])
        const evenLater = NOW + 40 * DAY
        assert.equal((await sweep(store, POLICY, evenLater)).auditEntries, 1, 'the first attestation goes once it is old')
        const kept = await store.audit.page({ limit: 100 })
        assert.deepEqual(kept.map((entry) => entry.seq), [11, 12])
        const verdict = await verifyAuditChain(store.audit)
        assert.equal(verdict.intact, true, JSON.stringify(verdict))
        assert.deepEqual(verdict.intact && verdict.anchor, { seq: 10, hash: kept[0]!.prevHash, at: evenLater })
      }))
  })
}
