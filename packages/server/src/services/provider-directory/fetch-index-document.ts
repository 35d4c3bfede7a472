/**
 * Downloads the signed index from `index.refreshUrl` (pec-spec §7.3): an https:// URL (the server
 * authenticated by its certificate, RFC 6109 §5.6) or a file:/// URL for private deployments.
 * Bounded in time and size; any HTTP status other than 200 is a failure.
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export interface FetchIndexOptions {
  /** Default 60 000 ms. */
  readonly timeoutMs?: number;
  /** Default 64 MiB: the whole directory of every provider is far smaller. */
  readonly maxBytes?: number;
}

export async function fetchIndexDocument(url: string, options: FetchIndexOptions = {}): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') {
    const path = fileURLToPath(parsed);
    if ((await stat(path)).size > maxBytes) throw new Error(`${url}: larger than ${maxBytes} bytes`);
    return new Uint8Array(await readFile(path));
  }
  if (parsed.protocol !== 'https:') throw new Error(`${url}: only https:// and file:// URLs are fetched`);
  const response = await fetch(parsed, {
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    redirect: 'error',
  });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new Error(`${url}: larger than ${maxBytes} bytes`);
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > maxBytes) throw new Error(`${url}: larger than ${maxBytes} bytes`);
  return body;
}
