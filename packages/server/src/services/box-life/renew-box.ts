/**
 * Renewal and what a box buys mid-term (seed 000, pec-providers §2.1; decision 0016): each makes an
 * order in the ledger and asks the billing port for its payment. Operator actions (manual renewal,
 * extra space, plan change) apply at once and the order stays open until paid; an automatic
 * renewal applies only once paid. A renewal extends the term from the old expiry date.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { Order } from '../../ports/billing-store.ts';
import type { StorageTransaction } from '../../ports/storage.ts';
import { addCalendarMonths } from '../quarantine/add-calendar-months.ts';
import type { BoxLifeDependencies } from './box-life-dependencies.ts';

/** What paying a renewal does: the term ending `termEnd` is extended by `months`. */
export interface RenewalEffect {
  readonly months: number;
  readonly termEnd: string;
}

export function isRenewalEffect(value: unknown): value is RenewalEffect {
  if (typeof value !== 'object' || value === null) return false;
  const { months, termEnd } = value as { months?: unknown; termEnd?: unknown };
  return typeof months === 'number' && typeof termEnd === 'string';
}

/**
 * Extends the term that ends at `termEnd` by `months` and reactivates an expired box; a no-op
 * (undefined) when the box was renewed meanwhile, so paying twice never extends twice.
 */
export async function extendTerm(
  tx: StorageTransaction,
  mailbox: Mailbox,
  termEnd: Date,
  months: number,
): Promise<Mailbox | undefined> {
  const current = await tx.accounts.getMailbox(mailbox.id);
  if (current?.expiresAt?.getTime() !== termEnd.getTime()) return undefined;
  return tx.accounts.updateMailbox(mailbox.id, {
    expiresAt: addCalendarMonths(termEnd, months),
    ...(current.status === 'expired' ? { status: 'active' as const } : {}),
  });
}

export interface OrderRequest {
  readonly mailbox: Mailbox;
  readonly kind: Order['kind'];
  readonly description: string;
  readonly amountCents: number;
  readonly applied: boolean;
  readonly effect: RenewalEffect | Record<string, never>;
  readonly termEnd: Date | null;
}

/** Records the order and asks for its payment; settles it when paid. Returns the order as it ends. */
export async function placeOrder(
  deps: BoxLifeDependencies,
  tx: StorageTransaction,
  request: OrderRequest,
  now: Date,
): Promise<Order> {
  const order = await tx.billing.createOrder({
    mailboxId: request.mailbox.id,
    address: request.mailbox.address,
    kind: request.kind,
    description: request.description,
    amountCents: request.amountCents,
    effect: { ...request.effect },
    applied: request.applied,
    termEnd: request.termEnd,
  });
  return settleIfPaid(deps, tx, order, now);
}

/** Asks the billing port again for an open order; settles it when paid. */
export async function settleIfPaid(
  deps: BoxLifeDependencies,
  tx: StorageTransaction,
  order: Order,
  now: Date,
): Promise<Order> {
  const outcome = await deps.billing.requestPayment(order, tx);
  if (outcome.kind !== 'paid') return order;
  await tx.billing.settleOrder(order.id, 'paid', now);
  return (await tx.billing.getOrder(order.id)) ?? order;
}

/** Price of `months` of a plan whose term of `durationMonths` costs `priceCents`. */
export function termPrice(priceCents: number, durationMonths: number, months: number): number {
  return Math.round((priceCents * months) / Math.max(1, durationMonths));
}

/** Price of extra space for the rest of the term (pro rata by days; a year when there is no expiry). */
export function extraSpacePrice(
  bytes: number,
  centsPerGiBYear: number,
  now: Date,
  expiresAt: Date | null,
): number {
  const yearMs = 365 * 24 * 60 * 60 * 1000;
  const remainingMs = expiresAt === null ? yearMs : Math.max(0, expiresAt.getTime() - now.getTime());
  return Math.round(((centsPerGiBYear * bytes) / 1024 ** 3) * (remainingMs / yearMs));
}
