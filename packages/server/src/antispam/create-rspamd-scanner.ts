/**
 * SpamScanner over rspamd's HTTP protocol (decision 0026): `POST /checkv2` with the raw message as
 * the body and the SMTP envelope in headers (`From`, one `Rcpt` per recipient, `IP`, `Helo`);
 * rspamd answers JSON with `score`, `action` and `symbols`. Bounded by `timeoutMs`; any failure —
 * refused connection, timeout, a non-200, unreadable JSON — is the `unavailable` verdict, never an
 * exception, so that mail keeps flowing when rspamd is down.
 */
import type { SpamScanner, SpamVerdict } from '../ports/spam-scanner.ts';

export interface RspamdSettings {
  /** e.g. http://127.0.0.1:11333 (the normal worker). */
  readonly url: string;
  readonly timeoutMs: number;
  /** Sent as `Password` when the controller requires one. */
  readonly password?: string;
}

interface CheckV2Answer {
  readonly score?: unknown;
  readonly action?: unknown;
  readonly symbols?: unknown;
}

export function createRspamdScanner(settings: RspamdSettings): SpamScanner {
  const endpoint = new URL('/checkv2', settings.url);
  return {
    async check(raw, envelope): Promise<SpamVerdict> {
      const headers = new Headers({ 'content-type': 'message/rfc822' });
      if (envelope.mailFrom !== '') headers.set('From', envelope.mailFrom);
      for (const rcpt of envelope.rcptTo) headers.append('Rcpt', rcpt);
      if (envelope.ip !== undefined) headers.set('IP', envelope.ip);
      if (envelope.helo !== undefined) headers.set('Helo', envelope.helo);
      if (settings.password !== undefined) headers.set('Password', settings.password);
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers,
          body: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        if (response.status !== 200) {
          await response.body?.cancel();
          return { kind: 'unavailable', reason: `rspamd answered ${String(response.status)}` };
        }
        const answer = (await response.json()) as CheckV2Answer;
        if (typeof answer.score !== 'number')
          return { kind: 'unavailable', reason: 'rspamd answer without a score' };
        const symbols =
          typeof answer.symbols === 'object' && answer.symbols !== null ? Object.keys(answer.symbols) : [];
        return {
          kind: 'scored',
          score: answer.score,
          action: typeof answer.action === 'string' ? answer.action : 'no action',
          symbols,
        };
      } catch (error) {
        const reason =
          error instanceof Error && error.name === 'TimeoutError'
            ? `rspamd did not answer within ${String(settings.timeoutMs)} ms`
            : `rspamd unreachable: ${error instanceof Error ? error.message : String(error)}`;
        return { kind: 'unavailable', reason };
      }
    },
  };
}
