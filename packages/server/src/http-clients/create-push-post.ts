/**
 * The Web Push request (RFC 8030 §5) over fetch: one POST of the encrypted message to the
 * subscription's endpoint, no redirect followed, with a time limit; only the status matters.
 */
import type { PushPost } from '../services/web-push/web-push.ts';

export function createPushPost(timeoutMs: number): PushPost {
  return async ({ endpoint, headers, body }) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return { status: response.status };
  };
}
