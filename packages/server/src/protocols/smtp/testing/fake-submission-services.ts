/**
 * Test-only fakes of the submission seams (AccessPoint, Authenticator) that record every call and
 * answer as the test scripts them; plus a TLS certificate for 127.0.0.1/localhost from the
 * development PKI. Not used by production code.
 */
import { createDevelopmentPki } from '@pec/core';
import type { Authenticator, LoginAttempt, LoginResult } from '../../../services/accounts/authenticator.ts';
import type {
  AccessPoint,
  RecipientCheckRefusal,
  SenderRefusal,
  Submission,
  SubmissionOutcome,
} from '../../../services/pipeline/access-point/access-point.ts';

export interface FakeAuthenticator extends Authenticator {
  readonly attempts: LoginAttempt[];
  /** Replaces the answer for every later attempt (default: the password table). */
  answerWith(answer: ((attempt: LoginAttempt) => Promise<LoginResult>) | undefined): void;
}

/** Accepts `address` → `password` pairs, case-insensitively on the address. */
export function createFakeAuthenticator(passwords: Readonly<Record<string, string>>): FakeAuthenticator {
  const attempts: LoginAttempt[] = [];
  let override: ((attempt: LoginAttempt) => Promise<LoginResult>) | undefined;
  const table = new Map(Object.entries(passwords).map(([user, pw]) => [user.toLowerCase(), pw]));
  return {
    attempts,
    answerWith(answer) {
      override = answer;
    },
    async authenticate(attempt) {
      attempts.push(attempt);
      if (override !== undefined) return override(attempt);
      const expected = table.get(attempt.username.toLowerCase());
      if (expected === undefined || expected !== attempt.password) {
        return { ok: false, refusal: { reason: 'authentication-failed' } };
      }
      return { ok: true, address: attempt.username.toLowerCase(), mailboxId: 1 };
    },
  };
}

export interface FakeAccessPoint extends AccessPoint {
  readonly senderChecks: { user: string; mailFrom: string }[];
  readonly recipientChecks: { address: string; countSoFar: number }[];
  readonly submissions: Submission[];
  /** Scripted answers; each defaults to "allowed" / accepted with a fresh identifier. */
  onSender: (user: string, mailFrom: string) => Promise<SenderRefusal | undefined>;
  onRecipient: (address: string, countSoFar: number) => Promise<RecipientCheckRefusal | undefined>;
  onSubmit: (submission: Submission) => Promise<SubmissionOutcome>;
}

export function createFakeAccessPoint(): FakeAccessPoint {
  let sequence = 0;
  const fake: FakeAccessPoint = {
    senderChecks: [],
    recipientChecks: [],
    submissions: [],
    onSender: () => Promise.resolve(undefined),
    onRecipient: () => Promise.resolve(undefined),
    onSubmit: () => {
      sequence++;
      return Promise.resolve({ kind: 'accepted', identifier: `opec-test.${sequence}@pec.test` });
    },
    checkSender(user, mailFrom) {
      fake.senderChecks.push({ user, mailFrom });
      return fake.onSender(user, mailFrom);
    },
    checkRecipient(address, countSoFar) {
      fake.recipientChecks.push({ address, countSoFar });
      return fake.onRecipient(address, countSoFar);
    },
    submit(submission) {
      fake.submissions.push(submission);
      return fake.onSubmit(submission);
    },
  };
  return fake;
}

export interface TestTls {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** A CA and a TLS certificate for localhost / 127.0.0.1 (development PKI, generated per call). */
export async function createTestTls(): Promise<TestTls> {
  const pki = await createDevelopmentPki({ domain: 'pec.test', providerName: 'Test PEC', now: new Date() });
  return { ca: pki.caCertificate, cert: pki.tlsCertificate, key: pki.tlsPrivateKey };
}
