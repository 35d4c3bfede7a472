/** The TimeStampAuthority over HTTP: POST of `application/timestamp-query` (RFC 3161 §3.4). */
import type { TimeStampAuthority } from '../ports/time-stamp-authority.ts';
import { httpExchange } from './http-exchange.ts';

/** A TimeStampResp with the TSA certificate is a few kilobytes. */
const maxResponseBytes = 1024 * 1024;

export function createHttpTimeStampAuthority(
  url: string,
  options: { readonly timeoutMs: number },
): TimeStampAuthority {
  return {
    requestTimeStamp: (request) =>
      httpExchange(url, {
        timeoutMs: options.timeoutMs,
        maxBytes: maxResponseBytes,
        body: { contentType: 'application/timestamp-query', bytes: request },
      }),
  };
}
