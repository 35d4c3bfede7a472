/**
 * The RevocationSource over HTTP: CRLs by GET (RFC 5280 §4.2.1.13), OCSP by POST of
 * `application/ocsp-request` (RFC 6960 Appendix A.1), each bounded in time and size.
 */
import type { RevocationSource } from '../ports/revocation-source.ts';
import { httpExchange } from './http-exchange.ts';

export interface HttpRevocationSourceOptions {
  /** Per exchange. */
  readonly timeoutMs: number;
  /** Largest CRL accepted. */
  readonly maxCrlBytes: number;
}

/** OCSP responses for one certificate are a few kilobytes. */
const maxOcspBytes = 1024 * 1024;

export function createHttpRevocationSource(options: HttpRevocationSourceOptions): RevocationSource {
  return {
    fetchCrl: (url) => httpExchange(url, { timeoutMs: options.timeoutMs, maxBytes: options.maxCrlBytes }),
    queryOcsp: (url, request) =>
      httpExchange(url, {
        timeoutMs: options.timeoutMs,
        maxBytes: maxOcspBytes,
        body: { contentType: 'application/ocsp-request', bytes: request },
      }),
  };
}
