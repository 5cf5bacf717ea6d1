/**
 * Accept fairness: while connections are being accepted, a turn of the event loop answers only a
 * few requests and queues the rest in arrival order; a turn without a new connection, or one that
 * finds a request queued longer than `maxQueueMs`, answers the whole queue. Turns are driven by hand here; the last test runs it through `listenHttp` with real
 * sockets (correctness only — timings are the benchmark's business).
 */
import assert from 'node:assert/strict'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { connect } from 'node:net'
import { describe, test } from 'node:test'
import { Hono } from 'hono'
import { createAcceptFairness } from '../../src/server/accept-fairness.js'
import { createHotResponses, listenHttp } from '../../src/server/index.js'

/** A request/response pair the fairness only passes through: its number stands in for it. */
function exchange(n: number): [IncomingMessage, ServerResponse] {
  return [{ n } as unknown as IncomingMessage, { n } as unknown as ServerResponse]
}

function harness(answersPerTurn: number) {
  const answered: number[] = []
  let pendingEnd: (() => void) | undefined
  const clock = { ms: 0 }
  const fairness = createAcceptFairness((request) => void answered.push((request as unknown as { n: number }).n), {
    answersPerTurn,
    maxQueueMs: 250,
    now: () => clock.ms,
    atEndOfTurn: (endOfTurn) => {
      assert.equal(pendingEnd, undefined, 'at most one end of turn is scheduled at a time')
      pendingEnd = endOfTurn
    },
  })
  const request = (n: number) => fairness.handle(...exchange(n))
  /** Runs the scheduled end of the current turn (what setImmediate would do); false when none was scheduled. */
  const endTurn = () => {
    const end = pendingEnd
    pendingEnd = undefined
    end?.()
    return end !== undefined
  }
  return { fairness, answered, request, endTurn, clock }
}

describe('accept fairness', () => {
  test('without new connections every request is answered at once and no turn end is scheduled', () => {
    const { answered, request, endTurn, fairness } = harness(2)
    for (let n = 1; n <= 50; n++) request(n)
    assert.deepEqual(answered, Array.from({ length: 50 }, (_, i) => i + 1))
    assert.equal(fairness.queued(), 0)
    assert.equal(endTurn(), false)
  })

  test('while accepting, a turn answers its budget and queues the rest; the queue goes first come, first served', () => {
    const { answered, request, endTurn, fairness } = harness(2)
    for (let n = 1; n <= 5; n++) request(n)
    fairness.accepted()
    for (let n = 6; n <= 10; n++) request(n)
    assert.deepEqual(answered, [1, 2, 3, 4, 5, 6, 7], 'answers before the accept do not count against the budget')
    assert.equal(fairness.queued(), 3)
    fairness.accepted()
    endTurn()
    assert.deepEqual(answered.slice(7), [8, 9], 'the turn after an accept still answers its budget only')
    request(11)
    assert.deepEqual(answered.slice(9), [], 'a new request waits behind the queue')
    assert.equal(fairness.queued(), 2)
  })

  test('the first turn without a new connection answers the whole queue, then requests go straight through again', () => {
    const { answered, request, endTurn, fairness } = harness(1)
    fairness.accepted()
    for (let n = 1; n <= 6; n++) request(n)
    assert.deepEqual(answered, [1])
    endTurn()
    assert.deepEqual(answered, [1, 2], 'accepted in the turn before: still one per turn')
    endTurn()
    assert.deepEqual(answered, [1, 2, 3, 4, 5, 6], 'two turns without an accept: everything')
    assert.equal(fairness.queued(), 0)
    assert.equal(endTurn(), false, 'nothing left to pace')
    request(7)
    assert.deepEqual(answered.at(-1), 7)
  })

  test('a turn that finds the oldest request waiting longer than maxQueueMs answers the whole queue, accepting or not', () => {
    const { answered, request, endTurn, fairness, clock } = harness(1)
    fairness.accepted()
    for (let n = 1; n <= 5; n++) request(n)
    clock.ms = 250
    fairness.accepted()
    endTurn()
    assert.deepEqual(answered, [1, 2], 'exactly maxQueueMs is not yet too long')
    clock.ms = 251
    fairness.accepted()
    endTurn()
    assert.deepEqual(answered, [1, 2, 3, 4, 5])
    request(6)
    assert.deepEqual(answered, [1, 2, 3, 4, 5], 'still accepting: the budget of this turn was spent')
    clock.ms = 300
    fairness.accepted()
    endTurn()
    assert.deepEqual(answered, [1, 2, 3, 4, 5, 6], 'waited 49 ms: answered as the budget of its turn')
  })

  test('every queued request is answered exactly once, in order, whatever the turns', () => {
    const { answered, request, endTurn, fairness } = harness(3)
    let n = 0
    for (let turn = 0; turn < 40; turn++) {
      if (turn % 3 !== 2) fairness.accepted()
      for (let k = 0; k < turn % 7; k++) request(++n)
      endTurn()
    }
    while (endTurn());
    assert.deepEqual(answered, Array.from({ length: n }, (_, i) => i + 1))
  })

  test('the budget must be a whole number of at least one', () => {
    assert.throws(() => createAcceptFairness(() => {}, { answersPerTurn: 0, maxQueueMs: 250 }), /answersPerTurn must be a whole number ≥ 1, got 0/)
    assert.throws(() => createAcceptFairness(() => {}, { answersPerTurn: 1.5, maxQueueMs: 250 }), RangeError)
  })

  test('through listenHttp: a burst of connections with pipelined requests gets every answer, in order', async () => {
    const app = new Hono().get('/n/:n', (c) => c.text(`answer ${c.req.param('n')}`))
    const { server, address } = await listenHttp(app, createHotResponses(), { hostname: '127.0.0.1', port: 0 })
    try {
      const one = (id: number) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(address.port, '127.0.0.1')
          let text = ''
          socket.setEncoding('utf8')
          socket.on('data', (chunk: string) => {
            text += chunk
            if ((text.match(/answer /g) ?? []).length === 3) {
              socket.destroy()
              resolve(text)
            }
          })
          socket.once('error', reject)
          socket.write([1, 2, 3].map((k) => `GET /n/${id}-${k} HTTP/1.1\r\nHost: x\r\n\r\n`).join(''))
        })
      const texts = await Promise.all(Array.from({ length: 200 }, (_, id) => one(id)))
      texts.forEach((text, id) => assert.deepEqual(text.match(/answer \d+-\d/g), [`answer ${id}-1`, `answer ${id}-2`, `answer ${id}-3`]))
    } finally {
      server.close()
    }
  })
})
