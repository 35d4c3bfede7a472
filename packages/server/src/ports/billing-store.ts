/**
 * Port for the ledger of what holders owe (decision 0016): an order per renewal, extra space or
 * plan change, with its price, its state and what it does once paid (`effect`), and the prepaid
 * credit a holder may keep with the provider. No payment card data is ever stored here.
 */
import type { JsonValue } from './queue-store.ts';

export type OrderKind = 'renewal' | 'extra-space' | 'plan-change';
export const orderKinds: readonly OrderKind[] = ['renewal', 'extra-space', 'plan-change'];

/** `open`: owed; `paid`: settled (by the operator, prepaid credit or a billing system); `cancelled`. */
export type OrderStatus = 'open' | 'paid' | 'cancelled';
export const orderStatuses: readonly OrderStatus[] = ['open', 'paid', 'cancelled'];

export interface Order {
  readonly id: number;
  readonly mailboxId: number;
  readonly address: string;
  readonly kind: OrderKind;
  readonly description: string;
  readonly amountCents: number;
  readonly status: OrderStatus;
  /** What paying the order does, when it was not applied at once (an automatic renewal). */
  readonly effect: JsonValue;
  /** True when the effect was applied as the order was made; false when it waits for the payment. */
  readonly applied: boolean;
  /** The expiry date of the term the order belongs to. */
  readonly termEnd: Date | null;
  readonly createdAt: Date;
  readonly settledAt: Date | null;
}

export type NewOrder = Omit<Order, 'id' | 'status' | 'createdAt' | 'settledAt'>;

export interface OrderQuery {
  readonly status?: OrderStatus;
  readonly address?: string;
}

/**
 * Where an order stands with an external billing system (decision 0041): `requested` (queued, not
 * yet answered), `pending` (the holder is to pay at `paymentUrl`), `paid`, `declined`.
 */
export type PaymentStatus = 'requested' | 'pending' | 'paid' | 'declined';
export const paymentStatuses: readonly PaymentStatus[] = ['requested', 'pending', 'paid', 'declined'];

export interface Payment {
  readonly orderId: number;
  readonly status: PaymentStatus;
  readonly paymentUrl: string | null;
  /** The billing system's own reference of the payment. */
  readonly reference: string | null;
  /** The last word of the billing system (a decline's reason). */
  readonly detail: string | null;
  readonly updatedAt: Date;
}

export type PaymentUpdate = Pick<Payment, 'status'> &
  Partial<Pick<Payment, 'paymentUrl' | 'reference' | 'detail'>>;

export interface BillingStore {
  createOrder(order: NewOrder): Promise<Order>;
  getOrder(id: number): Promise<Order | undefined>;
  /** Newest first. */
  listOrders(query?: OrderQuery): Promise<Order[]>;
  /** The open order of this kind for this box and term, if any. */
  findOpenOrder(mailboxId: number, kind: OrderKind, termEnd: Date): Promise<Order | undefined>;
  /**
   * Settles an open order (`paid` or `cancelled`) and records that its effect is applied; false
   * when it was not open (another node settled it first). Throws StorageError `not-found`.
   */
  settleOrder(id: number, status: 'paid' | 'cancelled', at: Date): Promise<boolean>;
  /** Prepaid credit of a box, in cents (0 when none). */
  getCredit(address: string): Promise<number>;
  /** Adds (or with a negative amount, removes) credit; returns the new balance, never below 0. */
  addCredit(address: string, cents: number): Promise<number>;
  /** Takes `cents` from the credit when the balance covers it, atomically; false otherwise. */
  debitCredit(address: string, cents: number): Promise<boolean>;
  /**
   * Records where an order stands with the billing system; fields left out keep their value. A
   * `paid` payment stays paid (a late answer never turns it back).
   */
  recordPayment(orderId: number, update: PaymentUpdate, at: Date): Promise<Payment>;
  getPayment(orderId: number): Promise<Payment | undefined>;
  /** Remembers the id of a callback acted on; false when it was seen before (a replay). */
  noteCallback(id: string, at: Date): Promise<boolean>;
  /** Whether a callback of this id was acted on. */
  seenCallback(id: string): Promise<boolean>;
}
