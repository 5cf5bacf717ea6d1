/**
 * Keeps new connections from waiting behind busy ones.
 *
 * Since libuv 1.45 (Node 20) a server accepts **one** connection per event-loop turn, and one
 * turn answers every request that arrived on the open connections. With 1,000 busy keep-alive
 * connections a turn takes 50–100 ms, so a burst of new connections leaves the kernel's accept
 * queue at 10–20 a second and the last ones wait for seconds — established as far as the client
 * knows, their request sent, nobody reading it. (`wrk -c1000` counts them as timeouts; the bare
 * `node:http` baseline has them too; visitors of a page under load see it hang.)
 *
 * While connections are being accepted (one was in this turn or the one before), this answers at
 * most `answersPerTurn` requests per turn and queues the others, first come first served, so turns
 * stay short and the accept queue empties at hundreds of connections a second. Queued requests
 * wait no longer than they would have anyway: their connections send nothing new until answered.
 * The first turn without a new connection answers the whole queue, and from then on requests go
 * straight through again at no cost. So does a turn that finds the oldest queued request waiting
 * longer than `maxQueueMs`: on a machine too slow to accept a burst quickly, requests must not
 * starve for the sake of connections.
 *
 * @module
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'

/** Handles requests in an order and pace that let the server keep accepting connections. */
export interface AcceptFairness {
  /** Tells that a connection was accepted (the server's `connection` event). */
  accepted(): void
  /** Passes the request to the listener now, or queues it for a later turn while accepting. */
  handle(request: IncomingMessage, response: ServerResponse): void
  /** Requests queued now (for tests and diagnostics). */
  queued(): number
}

/** How {@link createAcceptFairness} paces requests. */
export interface AcceptFairnessOptions {
  /** Requests answered per event-loop turn while connections are being accepted (≥ 1). */
  answersPerTurn: number
  /** The longest a queued request waits before a turn answers the whole queue (ms). */
  maxQueueMs: number
  /** Runs `endOfTurn` after this turn's I/O callbacks; default `setImmediate`. */
  atEndOfTurn?: (endOfTurn: () => void) => void
  /** Monotonic milliseconds; default `performance.now`. */
  now?: () => number
}

/**
 * Wraps `listener` so that accepting connections keeps pace with answering requests.
 *
 * @example
 * const fairness = createAcceptFairness(listener, { answersPerTurn: 1, maxQueueMs: 250 })
 * const server = createServer(fairness.handle)
 * server.on('connection', fairness.accepted)
 */
export function createAcceptFairness(listener: RequestListener, options: AcceptFairnessOptions): AcceptFairness {
  if (!Number.isInteger(options.answersPerTurn) || options.answersPerTurn < 1) throw new RangeError(`answersPerTurn must be a whole number ≥ 1, got ${options.answersPerTurn}`)
  const budget = options.answersPerTurn
  const atEndOfTurn = options.atEndOfTurn ?? ((endOfTurn: () => void) => void setImmediate(endOfTurn))
  const now = options.now ?? (() => performance.now())
  // Parallel arrays and a head index: no allocation per queued request. They are emptied whenever
  // the queue is, which happens at least every maxQueueMs, so they stay short.
  const requests: (IncomingMessage | undefined)[] = []
  const responses: (ServerResponse | undefined)[] = []
  const queuedAt: number[] = []
  let head = 0
  let acceptedThisTurn = false
  let acceptedLastTurn = false
  let answeredThisTurn = 0
  let endScheduled = false

  const accepting = () => acceptedThisTurn || acceptedLastTurn
  const answerNext = () => {
    const request = requests[head]!
    const response = responses[head]!
    requests[head] = undefined
    responses[head] = undefined
    head++
    answeredThisTurn++
    listener(request, response)
  }
  const scheduleEndOfTurn = () => {
    if (endScheduled) return
    endScheduled = true
    atEndOfTurn(endOfTurn)
  }
  function endOfTurn(): void {
    endScheduled = false
    acceptedLastTurn = acceptedThisTurn
    acceptedThisTurn = false
    answeredThisTurn = 0
    const starving = head < requests.length && now() - queuedAt[head]! > options.maxQueueMs
    while (head < requests.length && (!acceptedLastTurn || starving || answeredThisTurn < budget)) answerNext()
    if (head === requests.length) {
      requests.length = 0
      responses.length = 0
      queuedAt.length = 0
      head = 0
    }
    if (head < requests.length || acceptedLastTurn) scheduleEndOfTurn()
  }

  return {
    accepted() {
      if (!accepting()) answeredThisTurn = 0
      acceptedThisTurn = true
      scheduleEndOfTurn()
    },
    handle(request, response) {
      if (head === requests.length && (!accepting() || answeredThisTurn < budget)) {
        answeredThisTurn++
        listener(request, response)
        return
      }
      requests.push(request)
      responses.push(response)
      queuedAt.push(now())
      scheduleEndOfTurn()
    },
    queued: () => requests.length - head,
  }
}
