/**
 * Password recovery (decision 0027). A request answers the same whatever the address and tax
 * code: the lookup, the comparison and the counting are the same work for every request, and the
 * link is issued (token, row, mail queued for the relay) after the answer, so neither the answer
 * nor its time says whether a box exists (OWASP Forgot Password Cheat Sheet). Requests are limited
 * per typed address and per network. A reset needs an unspent, unexpired link and a password
 * under the change's rules; it ends every web session and app password of the box and tells the
 * holder at the contact address. The second factor stays on: a reset is not a way around it.
 */
import { validateTaxCode } from '@pec/core';
import type { Mailbox } from '../../ports/account-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';
import { maximumPasswordLength, minimumPasswordLength } from '../accounts/create-account-service.ts';
import { hashPassword } from '../accounts/hash-password.ts';
import { enqueueRelayMessage } from '../pipeline/relay/relay-message-job.ts';
import { buildRecoveryMail, type RecoveryMail } from './build-recovery-mail.ts';
import type { PasswordRecovery } from './password-recovery.ts';
import { countAttempt, recoveryRateKeys, retryAfter } from './recovery-rate-limit.ts';
import { isRecoveryTokenShape, newRecoveryToken, recoveryTokenHash } from './recovery-secrets.ts';

export interface PasswordRecoverySettings {
  readonly providerName: string;
  /** Sender of the mails (ordinary mail through the relay), as the box's notices. */
  readonly from: string;
  /** How long the relay keeps trying to deliver a mail. */
  readonly mailLifetimeMs: number;
  /** How long a link works. */
  readonly linkMinutes: number;
  /** The webmail's public origin; the link is `<linkBase>/recover/<token>`. */
  readonly linkBase: string;
  readonly perAddressPerHour: number;
  readonly perNetworkPerHour: number;
}

export interface PasswordRecoveryDependencies {
  readonly storage: Storage;
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly clock: Clock;
  readonly settings: PasswordRecoverySettings;
  /** A link that could not be issued after the answer was given (logged by the caller). */
  readonly onError: (error: unknown) => void;
}

/** The boxes whose holder can still sign in to reset: active, or expired within Super Ricezione. */
function recoverable(mailbox: Mailbox | undefined): mailbox is Mailbox {
  return mailbox !== undefined && (mailbox.status === 'active' || mailbox.status === 'expired');
}

export function createPasswordRecovery(deps: PasswordRecoveryDependencies): PasswordRecovery {
  const { storage, settings } = deps;

  async function mail(mailbox: Mailbox, content: RecoveryMail, id: string, now: Date): Promise<void> {
    const to = mailbox.contactEmail;
    if (to === null) return;
    const bytes = buildRecoveryMail({
      mail: content,
      address: mailbox.address,
      providerName: settings.providerName,
      from: settings.from,
      to,
      at: now,
      id,
    });
    const blobKey = await deps.blobs.put(bytes);
    await enqueueRelayMessage(storage, {
      blobKey,
      mailFrom: settings.from,
      rcptTo: [to],
      purpose: 'notice',
      expiresAt: new Date(now.getTime() + settings.mailLifetimeMs).toISOString(),
    });
  }

  async function issueLink(mailbox: Mailbox, now: Date): Promise<void> {
    const token = newRecoveryToken();
    const tokenHash = recoveryTokenHash(token);
    await storage.recoveryTokens.insert({
      tokenHash,
      mailboxId: mailbox.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + settings.linkMinutes * 60_000),
    });
    const url = `${settings.linkBase.replace(/\/+$/, '')}/recover/${token}`;
    await mail(
      mailbox,
      { kind: 'link', url, validMinutes: settings.linkMinutes },
      `recover-${tokenHash.slice(0, 24)}`,
      now,
    );
  }

  return {
    async request(request) {
      const taxCode = validateTaxCode(request.taxCode);
      if (!taxCode.ok) return { ok: false, problem: 'invalid-tax-code' };
      const now = deps.clock.now();
      const keys = recoveryRateKeys(request.address, request.remoteAddress, settings);
      const wait = await retryAfter(storage.loginThrottle, [keys.address, keys.network], now);
      if (wait !== undefined)
        return { ok: false, refusal: { reason: 'too-many-failures', retryAfterSeconds: wait } };
      await countAttempt(storage.loginThrottle, [keys.address, keys.network], now);
      const mailbox = await storage.accounts.findMailboxByAddress(request.address.trim().toLowerCase());
      const holder = validateTaxCode(mailbox?.holderTaxCode ?? '');
      const matches =
        recoverable(mailbox) &&
        mailbox.contactEmail !== null &&
        holder.ok &&
        holder.normalized === taxCode.normalized;
      // After the answer: the same answer, at the same moment, for every request.
      if (matches) setImmediate(() => void issueLink(mailbox, now).catch(deps.onError));
      return { ok: true };
    },

    async check(token) {
      if (!isRecoveryTokenShape(token)) return false;
      const found = await storage.recoveryTokens.find(recoveryTokenHash(token));
      return (
        found !== undefined && found.usedAt === null && found.expiresAt.getTime() > deps.clock.now().getTime()
      );
    },

    async reset(request) {
      const now = deps.clock.now();
      const network = recoveryRateKeys('', request.remoteAddress, settings).network;
      const wait = await retryAfter(storage.loginThrottle, [network], now);
      if (wait !== undefined)
        return { ok: false, refusal: { reason: 'too-many-failures', retryAfterSeconds: wait } };
      const length = Array.from(request.newPassword).length;
      if (
        length < minimumPasswordLength ||
        length > maximumPasswordLength ||
        request.newPassword.trim() === ''
      )
        return {
          ok: false,
          problem: 'weak-password',
          detail: `the new password must have ${String(minimumPasswordLength)} to ${String(maximumPasswordLength)} characters`,
        };
      const passwordHash = await hashPassword(request.newPassword);
      const mailboxId = isRecoveryTokenShape(request.token)
        ? await storage.recoveryTokens.spend(recoveryTokenHash(request.token), now)
        : undefined;
      const mailbox = mailboxId === undefined ? undefined : await storage.accounts.getMailbox(mailboxId);
      if (!recoverable(mailbox)) {
        // Wrong links count against the network like requests do.
        await countAttempt(storage.loginThrottle, [network], now);
        return { ok: false, problem: 'invalid-link' };
      }
      await storage.accounts.setPasswordHash(mailbox.id, passwordHash);
      const sessionsEnded = await storage.webSessions.removeForMailbox(mailbox.id);
      const appPasswordsRevoked = await storage.accountSecurity.removeAllAppPasswords(mailbox.id);
      await mail(
        mailbox,
        { kind: 'reset', at: now, remoteAddress: request.remoteAddress },
        `recovered-${String(mailbox.id)}-${String(now.getTime())}`,
        now,
      );
      return { ok: true, address: mailbox.address, appPasswordsRevoked, sessionsEnded };
    },
  };
}
