/**
 * Passkeys over a PasskeyStore with @simplewebauthn/server. What the relying party must check
 * (WebAuthn §7.1, §7.2) is checked there: type, challenge, origin, RP ID hash, flags, signature,
 * attestation (we ask for none: the holder's choice of authenticator is theirs). Here: each
 * challenge is random (32 bytes), kept server-side, single use and valid for five minutes
 * (§13.4.3); a sign-in's box must be the one the challenge was made for; a discoverable
 * credential's user handle must be its box's; and the signature counter must grow unless the
 * authenticator keeps none (§6.1.1): a counter that does not grow means a cloned authenticator,
 * and the sign-in is refused.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransportFuture,
} from '@simplewebauthn/server';
import { systemClock, type Clock } from '../../ports/clock.ts';
import type { ChallengePurpose, PasskeyRecord, PasskeyStore } from '../../ports/passkey-store.ts';
import type { PasskeyCheck, PasskeySettings, PasskeyView, Passkeys } from './passkeys.ts';

export interface PasskeyDependencies {
  readonly store: PasskeyStore;
  readonly clock?: Clock;
}

export const maximumPasskeys = 20;
const challengeMs = 5 * 60_000;

function view(record: PasskeyRecord): PasskeyView {
  return { id: record.id, name: record.name, createdAt: record.createdAt, lastUsedAt: record.lastUsedAt };
}

/** The challenge and origin the browser wrote into clientDataJSON, or undefined when unreadable. */
function clientData(clientDataJSON: string): { challenge: string; origin: string } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { challenge, origin } = parsed as Record<string, unknown>;
    return typeof challenge === 'string' && typeof origin === 'string' ? { challenge, origin } : undefined;
  } catch {
    return undefined;
  }
}

/** The signature counter of authenticator data (WebAuthn §6.1: bytes 33 to 36, big-endian). */
function counterOf(authenticatorData: string): number | undefined {
  const bytes = Buffer.from(authenticatorData, 'base64url');
  return bytes.length >= 37 ? bytes.readUInt32BE(33) : undefined;
}

function transports(list: readonly string[]): AuthenticatorTransportFuture[] {
  return list as AuthenticatorTransportFuture[];
}

export function createPasskeys(deps: PasskeyDependencies, settings: PasskeySettings): Passkeys {
  const { store } = deps;
  const clock = deps.clock ?? systemClock;

  /** The configured origin, or the browser's when it is a port of localhost and so is the RP ID. */
  function expectedOrigin(origin: string): string {
    if (settings.rpId !== 'localhost') return settings.origin;
    try {
      return new URL(origin).hostname === 'localhost' ? origin : settings.origin;
    } catch {
      return settings.origin;
    }
  }

  /** A new challenge, stored; its bytes, which the library encodes base64url as the stored text. */
  async function newChallenge(
    purpose: ChallengePurpose,
    mailboxId: number | null,
  ): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = new Uint8Array(randomBytes(32));
    const challenge = Buffer.from(bytes).toString('base64url');
    // Expired challenges go as new ones come, so the table holds only the last few minutes'.
    await store.purgeChallenges(clock.now());
    await store.saveChallenge({
      challenge,
      purpose,
      mailboxId,
      expiresAt: new Date(clock.now().getTime() + challengeMs),
    });
    return bytes;
  }

  /** Takes the response's challenge; it must have been made for this purpose and box. */
  async function takeChallenge(
    clientDataJSON: string,
    purpose: ChallengePurpose,
    mailboxId: number | null,
  ): Promise<{ challenge: string; origin: string } | undefined> {
    const data = clientData(clientDataJSON);
    if (data === undefined) return undefined;
    const stored = await store.takeChallenge(data.challenge, clock.now());
    if (stored?.purpose !== purpose || stored.mailboxId !== mailboxId) return undefined;
    return data;
  }

  /**
   * The box's user handle: the same for all its passkeys, known before the first one, and free of
   * personal data (WebAuthn §14.6.1): 16 bytes of a hash of the box's number, which is never reused.
   */
  async function userHandleOf(mailboxId: number): Promise<string> {
    const kept = (await store.list(mailboxId))[0]?.userHandle;
    if (kept !== undefined) return kept;
    return createHash('sha256')
      .update(`pec-passkey-user:${String(mailboxId)}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  return {
    async list(mailboxId) {
      return (await store.list(mailboxId)).map(view);
    },

    async registrationOptions(mailboxId, address, displayName) {
      const existing = await store.list(mailboxId);
      return generateRegistrationOptions({
        rpName: settings.rpName,
        rpID: settings.rpId,
        userName: address,
        userDisplayName: displayName === '' ? address : displayName,
        userID: new Uint8Array(Buffer.from(await userHandleOf(mailboxId), 'base64url')),
        challenge: await newChallenge('register', mailboxId),
        timeout: challengeMs,
        attestationType: 'none',
        // One passkey per authenticator and box: the browser refuses to make a second one.
        excludeCredentials: existing.map((p) => ({
          id: p.credentialId,
          transports: transports(p.transports),
        })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
    },

    async register(mailboxId, name, response) {
      const trimmed = name.trim();
      if (trimmed === '') return { ok: false, problem: 'a passkey needs a name' };
      const existing = await store.list(mailboxId);
      if (existing.length >= maximumPasskeys)
        return { ok: false, problem: `at most ${String(maximumPasskeys)} passkeys` };
      const data = await takeChallenge(response.response.clientDataJSON, 'register', mailboxId);
      if (data === undefined)
        return { ok: false, problem: 'the registration is unknown or expired: start again' };
      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response,
          expectedChallenge: data.challenge,
          expectedOrigin: expectedOrigin(data.origin),
          expectedRPID: settings.rpId,
          requireUserVerification: false,
        });
      } catch (error) {
        return { ok: false, problem: `the passkey could not be verified: ${(error as Error).message}` };
      }
      if (!verified.verified) return { ok: false, problem: 'the passkey could not be verified' };
      const { credential } = verified.registrationInfo;
      const added = await store.add({
        mailboxId,
        name: trimmed,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? response.response.transports ?? [],
        userHandle: await userHandleOf(mailboxId),
        createdAt: clock.now(),
      });
      if (added === undefined) return { ok: false, problem: 'this passkey is already registered' };
      return { ok: true, passkey: view(added) };
    },

    remove: (mailboxId, id) => store.remove(mailboxId, id),

    async signInOptions(mailboxId) {
      const allowed = mailboxId === null ? [] : await store.list(mailboxId);
      return generateAuthenticationOptions({
        rpID: settings.rpId,
        challenge: await newChallenge('sign-in', mailboxId),
        timeout: challengeMs,
        allowCredentials: allowed.map((p) => ({ id: p.credentialId, transports: transports(p.transports) })),
        // Alone, a passkey must be two factors itself (possession and PIN or biometrics).
        userVerification: mailboxId === null ? 'required' : 'preferred',
      });
    },

    async verifySignIn(response, mailboxId): Promise<PasskeyCheck> {
      const record = await store.findByCredentialId(response.id);
      const refuse = (problem: string): PasskeyCheck => ({
        ok: false,
        problem,
        mailboxId: record?.mailboxId ?? mailboxId,
      });
      const data = await takeChallenge(response.response.clientDataJSON, 'sign-in', mailboxId);
      if (data === undefined) return refuse('the sign-in is unknown or expired: start again');
      if (record === undefined) return refuse('this passkey is not registered');
      if (mailboxId !== null && record.mailboxId !== mailboxId)
        return refuse('this passkey belongs to another box');
      const userHandle = response.response.userHandle;
      if (userHandle !== undefined && userHandle !== '' && userHandle !== record.userHandle)
        return refuse('the passkey does not belong to this account');
      const counter = counterOf(response.response.authenticatorData);
      if (counter === undefined) return refuse('the authenticator data is malformed');
      if ((counter > 0 || record.counter > 0) && counter <= record.counter)
        return refuse('the signature counter did not grow: the authenticator may have been cloned');
      let verified;
      try {
        verified = await verifyAuthenticationResponse({
          response,
          expectedChallenge: data.challenge,
          expectedOrigin: expectedOrigin(data.origin),
          expectedRPID: settings.rpId,
          credential: {
            id: record.credentialId,
            publicKey: new Uint8Array(Buffer.from(record.publicKey, 'base64url')),
            counter: record.counter,
            transports: transports(record.transports),
          },
          requireUserVerification: mailboxId === null,
        });
      } catch (error) {
        return refuse(`the passkey could not be verified: ${(error as Error).message}`);
      }
      if (!verified.verified) return refuse('the passkey could not be verified');
      if (
        !(await store.recordUse(
          record.id,
          record.counter,
          verified.authenticationInfo.newCounter,
          clock.now(),
        ))
      )
        return refuse('the passkey was used at the same time elsewhere');
      return { ok: true, mailboxId: record.mailboxId, passkeyId: record.id };
    },
  };
}
