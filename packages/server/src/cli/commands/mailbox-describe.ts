/**
 * How `pec mailbox list` shows mailboxes: a stable JSON object per mailbox (`--json`; dates ISO
 * 8601 or null, sizes in bytes, no credentials) and an aligned text table for people.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import { formatQuotaSize } from '../../services/accounts/parse-quota-size.ts';

export interface MailboxJson {
  readonly address: string;
  readonly domain: string;
  readonly holderName: string;
  readonly holderTaxCode: string | null;
  readonly contactEmail: string | null;
  readonly mobile: string | null;
  readonly plan: string | null;
  readonly quotaBytes: number;
  readonly usedBytes: number;
  readonly status: Mailbox['status'];
  readonly activatedAt: string | null;
  readonly expiresAt: string | null;
  readonly ordinaryMailPolicy: Mailbox['ordinaryMailPolicy'];
  readonly forwardAddress: string | null;
  readonly lastLoginAt: string | null;
  readonly createdAt: string;
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function describeMailboxJson(mailbox: Mailbox): MailboxJson {
  return {
    address: mailbox.address,
    domain: mailbox.domain,
    holderName: mailbox.holderName,
    holderTaxCode: mailbox.holderTaxCode,
    contactEmail: mailbox.contactEmail,
    mobile: mailbox.mobile,
    plan: mailbox.plan,
    quotaBytes: mailbox.quotaBytes,
    usedBytes: mailbox.usedBytes,
    status: mailbox.status,
    activatedAt: iso(mailbox.activatedAt),
    expiresAt: iso(mailbox.expiresAt),
    ordinaryMailPolicy: mailbox.ordinaryMailPolicy,
    forwardAddress: mailbox.forwardAddress,
    lastLoginAt: iso(mailbox.lastLoginAt),
    createdAt: mailbox.createdAt.toISOString(),
  };
}

/** One line per mailbox: address, status, used / quota, ordinary-mail policy, holder. */
export function renderMailboxTable(mailboxes: readonly Mailbox[]): string {
  if (mailboxes.length === 0) return 'no mailboxes\n';
  const rows = [
    ['ADDRESS', 'STATUS', 'USED/QUOTA', 'ORDINARY', 'HOLDER'],
    ...mailboxes.map((m) => [
      m.address,
      m.status,
      `${formatQuotaSize(m.usedBytes)}/${formatQuotaSize(m.quotaBytes)}`,
      m.ordinaryMailPolicy === 'forward' ? `forward ${m.forwardAddress ?? ''}` : m.ordinaryMailPolicy,
      m.holderName,
    ]),
  ];
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
