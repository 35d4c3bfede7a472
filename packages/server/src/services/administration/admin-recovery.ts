/**
 * Password recovery of an operator or postmaster (decision 0042), the holders' flow (decision 0027)
 * for administrative accounts: the principal gives its sign-in address; a single-use link that
 * expires soon goes to that address (the e-mail on file); the same answer whether or not the
 * account exists, is disabled, or was asked too often per address is counted the same; requests
 * limited per address and per network; the reset ends every session and revokes every API token
 * of the principal. The TOTP second factor stays on.
 */
import type { AdminPrincipalRecord } from '../../ports/admin-store.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Storage } from '../../ports/storage.ts';
import { hashPassword } from '../accounts/hash-password.ts';
import { buildHolderMail } from '../holder-notices/build-holder-mail.ts';
import { enqueueRelayMessage } from '../pipeline/relay/relay-message-job.ts';
import { countAttempt, recoveryRateKeys, retryAfter } from '../password-recovery/recovery-rate-limit.ts';
import {
  isRecoveryTokenShape,
  newRecoveryToken,
  recoveryTokenHash,
} from '../password-recovery/recovery-secrets.ts';
import type { PasswordRecovery, RecoveryResetOutcome } from '../password-recovery/password-recovery.ts';
import type { PasswordRecoverySettings } from '../password-recovery/create-password-recovery.ts';
import { checkAdminPassword } from './admin-principals.ts';

/** Like the holders' PasswordRecovery, but a request names only the sign-in address. */
export interface AdminRecovery {
  request(request: {
    readonly email: string;
    readonly remoteAddress: string;
  }): ReturnType<PasswordRecovery['request']>;
  check(token: string): Promise<boolean>;
  reset(request: {
    readonly token: string;
    readonly newPassword: string;
    readonly remoteAddress: string;
  }): Promise<RecoveryResetOutcome>;
}

export interface AdminRecoveryDependencies {
  readonly storage: Storage;
  readonly blobs: Pick<BlobStore, 'put'>;
  readonly clock: Clock;
  /** `linkBase` + `/admin/recover/<token>`. */
  readonly settings: PasswordRecoverySettings;
  readonly onError: (error: unknown) => void;
}

function texts(kind: 'link' | 'reset', email: string, detail: string, minutes: number) {
  if (kind === 'link')
    return {
      subject: `Recupero password dell'amministrazione PEC ${email} / Password recovery`,
      text:
        `Per scegliere una nuova password dell'account di amministrazione ${email} apri questo link entro ` +
        `${String(minutes)} minuti; funziona una sola volta:\n\n${detail}\n\n` +
        'Se non hai chiesto tu il recupero, ignora questo messaggio.\n\n' +
        `To choose a new password for the administration account ${email}, open the link above within ` +
        `${String(minutes)} minutes; it works once. If you did not ask for it, ignore this message.`,
    };
  return {
    subject: `La password dell'amministrazione PEC ${email} e' stata cambiata / Password changed`,
    text:
      `La password dell'account ${email} e' stata reimpostata (indirizzo ${detail}); sessioni e token API ` +
      'sono stati chiusi. Se non sei stato tu, contatta subito il gestore.\n\n' +
      `The password of the account ${email} was reset (from ${detail}); every session and API token was ` +
      'signed out. If this was not you, contact the provider at once.',
  };
}

export function createAdminRecovery(deps: AdminRecoveryDependencies): AdminRecovery {
  const { storage, settings } = deps;
  const limits = settings;

  async function mail(record: AdminPrincipalRecord, kind: 'link' | 'reset', detail: string, now: Date) {
    const content = texts(kind, record.email, detail, settings.linkMinutes);
    const id = `admin-${kind}-${String(record.id)}-${String(now.getTime())}`;
    const bytes = buildHolderMail({
      ...content,
      providerName: settings.providerName,
      from: settings.from,
      to: record.email,
      at: now,
      id,
    });
    await enqueueRelayMessage(storage, {
      blobKey: await deps.blobs.put(bytes),
      mailFrom: settings.from,
      rcptTo: [record.email],
      purpose: 'notice',
      expiresAt: new Date(now.getTime() + settings.mailLifetimeMs).toISOString(),
    });
  }

  async function issueLink(record: AdminPrincipalRecord, now: Date): Promise<void> {
    const token = newRecoveryToken();
    await storage.adminAccounts.insertRecoveryToken({
      tokenHash: recoveryTokenHash(token),
      principalId: record.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + settings.linkMinutes * 60_000),
    });
    await mail(record, 'link', `${settings.linkBase.replace(/\/+$/, '')}/admin/recover/${token}`, now);
  }

  return {
    async request(request) {
      const now = deps.clock.now();
      const email = request.email.trim().toLowerCase();
      const keys = recoveryRateKeys(`admin:${email}`, request.remoteAddress, limits);
      const wait = await retryAfter(storage.loginThrottle, [keys.address, keys.network], now);
      if (wait !== undefined)
        return { ok: false, refusal: { reason: 'too-many-failures', retryAfterSeconds: wait } };
      await countAttempt(storage.loginThrottle, [keys.address, keys.network], now);
      const record = await storage.admin.findPrincipal(email);
      // After the answer: the same answer, at the same moment, for every request.
      if (record !== undefined && record.disabledAt === null)
        setImmediate(() => void issueLink(record, now).catch(deps.onError));
      return { ok: true };
    },

    async check(token) {
      if (!isRecoveryTokenShape(token)) return false;
      const found = await storage.adminAccounts.findRecoveryToken(recoveryTokenHash(token));
      return (
        found !== undefined && found.usedAt === null && found.expiresAt.getTime() > deps.clock.now().getTime()
      );
    },

    async reset(request) {
      const now = deps.clock.now();
      const network = recoveryRateKeys('', request.remoteAddress, limits).network;
      const wait = await retryAfter(storage.loginThrottle, [network], now);
      if (wait !== undefined)
        return { ok: false, refusal: { reason: 'too-many-failures', retryAfterSeconds: wait } };
      try {
        checkAdminPassword(request.newPassword);
      } catch (error) {
        return { ok: false, problem: 'weak-password', detail: (error as Error).message };
      }
      const passwordHash = await hashPassword(request.newPassword);
      const principalId = isRecoveryTokenShape(request.token)
        ? await storage.adminAccounts.spendRecoveryToken(recoveryTokenHash(request.token), now)
        : undefined;
      const record = principalId === undefined ? undefined : await storage.admin.getPrincipal(principalId);
      if (record === undefined || record.disabledAt !== null) {
        // Wrong links count against the network like requests do.
        await countAttempt(storage.loginThrottle, [network], now);
        return { ok: false, problem: 'invalid-link' };
      }
      await storage.admin.setPasswordHash(record.id, passwordHash);
      const sessionsEnded = await storage.admin.removeSessionsOf(record.id);
      const tokensRevoked = await storage.adminTokens.revokeAll(record.id, now);
      await mail(record, 'reset', request.remoteAddress, now);
      return { ok: true, address: record.email, appPasswordsRevoked: tokensRevoked, sessionsEnded };
    },
  };
}
