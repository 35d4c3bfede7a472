/**
 * One bounded HTTP(S) exchange with node:http/https for the PKI clients (CRL, OCSP, TSA): a GET or
 * a POST, a deadline for the whole exchange, a cap on the body, status 200 only, no redirects.
 * Rejects on any failure; the socket is destroyed when the deadline passes.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpExchangeOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** With a body, the request is a POST of this content type. */
  readonly body?: { readonly contentType: string; readonly bytes: Uint8Array };
}

export function httpExchange(url: string, options: HttpExchangeOptions): Promise<Uint8Array> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return Promise.reject(new Error(`${url}: only http:// and https:// URLs are fetched`));
  }
  const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(parsed, {
      method: options.body === undefined ? 'GET' : 'POST',
      headers:
        options.body === undefined
          ? {}
          : { 'content-type': options.body.contentType, 'content-length': options.body.bytes.length },
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`${url}: no complete answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    req.on('error', fail);
    req.on('response', (response: IncomingMessage) => {
      if (response.statusCode !== 200) {
        response.resume();
        req.destroy(new Error(`${url}: HTTP ${response.statusCode ?? '?'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          req.destroy(new Error(`${url}: answer larger than ${options.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        resolve(new Uint8Array(Buffer.concat(chunks)));
      });
    });
    req.end(options.body === undefined ? undefined : Buffer.from(options.body.bytes));
  });
}
