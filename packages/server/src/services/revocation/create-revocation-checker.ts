/**
 * The revocation checker (pec-spec §2.3 step 3, §8.4 step 4; decision 0009): for a signer and its
 * issuer, asks the OCSP responders the certificate names (RFC 6960), then its HTTP CRL distribution
 * points (RFC 5280 §5), and keeps the answer per certificate. CRLs are kept per URL until their
 * nextUpdate; answers per certificate until the source's next update, at most `cacheMinutes`; an
 * `unknown` answer for a minute. A check never takes longer than `timeoutMs`: past it the answer is
 * `unknown` (the fetch goes on and fills the cache). The revocation time is compared with the
 * signing time of each message, so a certificate revoked after a signature leaves it valid.
 */
import {
  buildOcspRequest,
  certificateSha1,
  crlRevocationTime,
  readOcspResponse,
  revocationAt,
  revocationLocations,
  verifyCrl,
  type RevocationRequest,
  type RevocationSource as AnswerSource,
  type RevocationStatus,
  type VerifiedCrl,
} from '@pec/core';
import type { Clock } from '../../ports/clock.ts';
import type { RevocationSource } from '../../ports/revocation-source.ts';
import type { RevocationChecker, RevocationPolicy } from './revocation-checker.ts';

export interface RevocationCheckerDependencies {
  readonly source: RevocationSource;
  readonly clock: Clock;
  /** Sources that failed and lenient acceptances of an unknown status. Default: nothing. */
  readonly warn?: (message: string) => void;
}

export interface RevocationCheckerSettings {
  readonly policy: RevocationPolicy;
  /** Upper bound on one check, every fetch included. */
  readonly timeoutMs: number;
  /** Longest time an answer for a certificate is reused. */
  readonly cacheMinutes: number;
}

/** What a source said about a certificate, independent of any signing time. */
interface Answer {
  readonly source: AnswerSource;
  readonly revokedAt: Date | undefined;
  readonly checkedAt: Date;
  readonly detail: string;
  readonly known: boolean;
  readonly expiresAt: number;
}

const minuteMs = 60_000;
const unknownCacheMs = minuteMs;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createRevocationChecker(
  deps: RevocationCheckerDependencies,
  settings: RevocationCheckerSettings,
): RevocationChecker {
  const answers = new Map<string, Answer>();
  const pending = new Map<string, Promise<Answer>>();
  const crls = new Map<string, { readonly crl: VerifiedCrl; readonly expiresAt: number }>();
  const crlDownloads = new Map<string, Promise<VerifiedCrl>>();
  const cacheMs = settings.cacheMinutes * minuteMs;
  const now = (): number => deps.clock.now().getTime();

  function unknown(detail: string): Answer {
    return {
      source: 'none',
      revokedAt: undefined,
      checkedAt: new Date(now()),
      detail,
      known: false,
      expiresAt: now() + unknownCacheMs,
    };
  }

  async function crlAt(url: string, issuer: Uint8Array): Promise<VerifiedCrl> {
    const key = `${url}\n${certificateSha1(issuer)}`;
    const cached = crls.get(key);
    if (cached !== undefined && cached.expiresAt > now()) return cached.crl;
    let download = crlDownloads.get(key);
    if (download === undefined) {
      download = (async () => {
        const crl = await verifyCrl(await deps.source.fetchCrl(url), issuer);
        const nextUpdate = crl.nextUpdate?.getTime();
        if (nextUpdate !== undefined && nextUpdate <= now()) {
          throw new Error(`stale CRL: its nextUpdate ${new Date(nextUpdate).toISOString()} has passed`);
        }
        crls.set(key, { crl, expiresAt: nextUpdate ?? now() + cacheMs });
        return crl;
      })().finally(() => crlDownloads.delete(key));
      crlDownloads.set(key, download);
    }
    return download;
  }

  async function askOcsp(url: string, certificate: Uint8Array, issuer: Uint8Array): Promise<Answer> {
    const response = await deps.source.queryOcsp(url, await buildOcspRequest(certificate, issuer));
    const answer = await readOcspResponse(response, certificate, issuer);
    if (answer.status === 'unknown') throw new Error('the responder does not know the certificate');
    const nextUpdate = answer.nextUpdate?.getTime();
    if (nextUpdate !== undefined && nextUpdate <= now()) throw new Error('stale OCSP response');
    return {
      source: 'ocsp',
      revokedAt: answer.revokedAt,
      checkedAt: answer.thisUpdate,
      detail: url,
      known: true,
      expiresAt: Math.min(nextUpdate ?? Infinity, now() + cacheMs),
    };
  }

  async function lookUp(certificate: Uint8Array, issuer: Uint8Array): Promise<Answer> {
    const { crlUrls, ocspUrls } = revocationLocations(certificate);
    if (crlUrls.length === 0 && ocspUrls.length === 0) {
      return unknown('the certificate names no HTTP CRL distribution point and no OCSP responder');
    }
    const problems: string[] = [];
    for (const url of ocspUrls) {
      try {
        return await askOcsp(url, certificate, issuer);
      } catch (error) {
        problems.push(`OCSP ${url}: ${message(error)}`);
      }
    }
    for (const url of crlUrls) {
      try {
        const crl = await crlAt(url, issuer);
        return {
          source: 'crl',
          revokedAt: crlRevocationTime(crl, certificate),
          checkedAt: crl.thisUpdate,
          detail: url,
          known: true,
          expiresAt: Math.min(crl.nextUpdate?.getTime() ?? Infinity, now() + cacheMs),
        };
      } catch (error) {
        problems.push(`CRL ${url}: ${message(error)}`);
      }
    }
    return unknown(problems.join('; '));
  }

  function answerFor(key: string, certificate: Uint8Array, issuer: Uint8Array): Promise<Answer> {
    let running = pending.get(key);
    if (running === undefined) {
      running = lookUp(certificate, issuer)
        .then((answer) => {
          answers.set(key, answer);
          return answer;
        })
        .finally(() => pending.delete(key));
      pending.set(key, running);
    }
    return running;
  }

  function withinDeadline(answer: Promise<Answer>): Promise<Answer> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => {
        resolve(unknown(`no answer within ${settings.timeoutMs} ms`));
      }, settings.timeoutMs);
    });
    return Promise.race([answer, deadline]).finally(() => {
      clearTimeout(timer);
    });
  }

  function toStatus(answer: Answer, at: Date): RevocationStatus {
    if (!answer.known) {
      return { status: 'unknown', source: 'none', checkedAt: answer.checkedAt, detail: answer.detail };
    }
    return revocationAt(answer.revokedAt, at, answer.source, answer.checkedAt, answer.detail);
  }

  return {
    policy: settings.policy,
    async check(request: RevocationRequest): Promise<RevocationStatus> {
      const sha1 = certificateSha1(request.certificate);
      if (request.issuer === undefined) {
        const status = toStatus(unknown('the issuer certificate is not available'), request.at);
        if (settings.policy === 'lenient') deps.warn?.(`revocation of ${sha1}: ${status.detail ?? ''}`);
        return status;
      }
      const key = `${sha1}\n${certificateSha1(request.issuer)}`;
      const cached = answers.get(key);
      if (cached !== undefined && cached.expiresAt > now()) return toStatus(cached, request.at);
      const answer = await withinDeadline(answerFor(key, request.certificate, request.issuer));
      const status = toStatus(answer, request.at);
      if (!answer.known) {
        const fallback =
          settings.policy === 'lenient' ? 'accepted (lenient policy)' : 'refused (strict policy)';
        deps.warn?.(`revocation status of certificate ${sha1} unknown, ${fallback}: ${answer.detail}`);
      }
      return status;
    },
  };
}
