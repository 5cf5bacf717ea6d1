/**
 * Errors of the subscription service with the HTTP status each maps to (one mapping, in the
 * routes): bad input 422, unknown link 404, expired link 410, refused target 422.
 *
 * @module
 */

/** A subscription request that cannot be served; `status` is its HTTP status. */
export class SubscriptionError extends Error {
  override readonly name = 'SubscriptionError'
  constructor(
    readonly status: 404 | 410 | 422,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(detail)
  }
}

/** Bad input: every issue listed. */
export function invalidInput(errors: { path: string; message: string }[]): SubscriptionError {
  return new SubscriptionError(422, 'invalid-subscription', 'Invalid subscription', errors.map((issue) => `${issue.path}: ${issue.message}`).join('; '), errors)
}

/** A link whose token no subscriber has (never issued, already used to unsubscribe, or from another key). */
export function unknownLink(): SubscriptionError {
  return new SubscriptionError(404, 'unknown-link', 'Unknown link', 'this link is unknown or no longer valid: the subscription may have been deleted already')
}
