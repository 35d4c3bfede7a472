/**
 * Checks and normalises the descriptive fields of a mailbox (holder, tax code, contacts, plan,
 * quota, status, dates) before they reach the AccountStore: tax codes by their check characters,
 * contact addresses by syntax, mobiles to `+` and digits. Throws AccountError `invalid` with the
 * field at fault. `null` clears a field; `undefined` leaves it alone.
 */
import { validateTaxCode } from '@pec/core';
import { mailboxStatuses, type MailboxPatch, type MailboxStatus } from '../../ports/account-store.ts';
import { AccountError } from './account-error.ts';
import { parseMailboxAddress } from './parse-mailbox-address.ts';

export interface MailboxFields {
  readonly holderName?: string;
  /** Codice fiscale or partita IVA (pec-spec §1: the holder is identified). */
  readonly taxCode?: string | null;
  /** Ordinary e-mail for recovery and service notices. */
  readonly contactEmail?: string | null;
  readonly mobile?: string | null;
  readonly plan?: string | null;
  readonly quotaBytes?: number;
  readonly status?: MailboxStatus;
  readonly activatedAt?: Date | null;
  readonly expiresAt?: Date | null;
}

function invalid(message: string): AccountError {
  return new AccountError('invalid', message);
}

function orNull<T>(value: T | null, check: (value: T) => T): T | null {
  return value === null ? null : check(value);
}

function checkText(field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalid(`${field} is longer than ${max} characters`);
  if (/[\p{Cc}]/u.test(trimmed)) throw invalid(`${field} contains control characters`);
  return trimmed;
}

function checkTaxCode(value: string): string {
  const result = validateTaxCode(value);
  if (!result.ok) throw invalid(`tax code ${JSON.stringify(value)}: ${result.reason}`);
  return result.normalized;
}

function checkContactEmail(value: string): string {
  const parsed = parseMailboxAddress(value);
  if (parsed === undefined) throw invalid(`contact e-mail ${JSON.stringify(value)} is not an address`);
  return parsed.address;
}

/** `+39 333 123-4567` → `+393331234567`; 6 to 15 digits (ITU-T E.164). */
function checkMobile(value: string): string {
  const compact = value.replace(/[\s().-]/g, '');
  if (!/^\+?\d{6,15}$/.test(compact)) throw invalid(`mobile ${JSON.stringify(value)} is not a phone number`);
  return compact;
}

function checkQuota(value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw invalid(`quota must be a positive number of bytes`);
  return value;
}

function checkStatus(value: MailboxStatus): MailboxStatus {
  if (!mailboxStatuses.includes(value)) {
    throw invalid(`status must be one of ${mailboxStatuses.join(', ')}`);
  }
  return value;
}

function checkDate(field: string, value: Date): Date {
  if (Number.isNaN(value.getTime())) throw invalid(`${field} is not a valid date`);
  return value;
}

/** The store patch for `fields`, every value checked and normalised. */
export function normalizeMailboxFields(fields: MailboxFields): MailboxPatch {
  const patch: { -readonly [K in keyof MailboxPatch]: MailboxPatch[K] } = {};
  if (fields.holderName !== undefined) patch.holderName = checkText('holder name', fields.holderName, 200);
  if (fields.taxCode !== undefined) patch.holderTaxCode = orNull(fields.taxCode, checkTaxCode);
  if (fields.contactEmail !== undefined) patch.contactEmail = orNull(fields.contactEmail, checkContactEmail);
  if (fields.mobile !== undefined) patch.mobile = orNull(fields.mobile, checkMobile);
  if (fields.plan !== undefined) patch.plan = orNull(fields.plan, (plan) => checkText('plan', plan, 100));
  if (fields.quotaBytes !== undefined) patch.quotaBytes = checkQuota(fields.quotaBytes);
  if (fields.status !== undefined) patch.status = checkStatus(fields.status);
  if (fields.activatedAt !== undefined) {
    patch.activatedAt = orNull(fields.activatedAt, (date) => checkDate('activation date', date));
  }
  if (fields.expiresAt !== undefined) {
    patch.expiresAt = orNull(fields.expiresAt, (date) => checkDate('expiry date', date));
  }
  return patch;
}
