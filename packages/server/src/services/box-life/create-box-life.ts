/**
 * The box-life service (decision 0016): the operator's plans, each box's status on its calendar,
 * manual and automatic renewal, extra space, plan changes, the ledger's orders and credit, and the
 * lifecycle job. Refusals are BoxLifeErrors whose message says why and what to do.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { Order, OrderQuery } from '../../ports/billing-store.ts';
import type { NewPlan, Plan, PlanPatch } from '../../ports/plan-store.ts';
import type { BillingAnswer } from '../../ports/billing.ts';
import type { Payment } from '../../ports/billing-store.ts';
import { formatQuotaSize } from '../accounts/parse-quota-size.ts';
import { boxCalendar, boxStateAt, type BoxState } from './box-calendar.ts';
import type { BoxLifeDependencies } from './box-life-dependencies.ts';
import { BoxLifeError } from './box-life-error.ts';
import { addPlan, changePlanFields, requirePlan } from './manage-plans.ts';
import {
  assertPlanFits,
  assertRenewable,
  planChangePrice,
  quoteOrder,
  type OrderQuote,
  type OrderQuoteRequest,
} from './quote-order.ts';
import { extendTerm, extraSpacePrice, isRenewalEffect, placeOrder, termPrice } from './renew-box.ts';
import { settleCallback, settlePayment, type PaymentSettlement } from './settle-payment.ts';
import { runBoxLife, type BoxLifeAction } from './run-box-life.ts';
import { sendBoxNotice } from './send-box-notice.ts';

export interface BoxStatus {
  readonly address: string;
  readonly plan: string | null;
  readonly state: BoxState;
  readonly activatedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly deactivatesAt: Date | null;
  readonly deletesAt: Date | null;
  readonly quotaBytes: number;
  readonly usedBytes: number;
  readonly extraQuotaBytes: number;
  readonly autoRenew: boolean;
  /** Whether the box may send now: active and not over its quota. */
  readonly canSend: boolean;
  /** Whether mail for the box is delivered now (Super Ricezione included). */
  readonly receives: boolean;
}

export interface BoxChange {
  readonly mailbox: Mailbox;
  /** The order recorded for it, when it costs something. */
  readonly order?: Order;
}

export interface BoxLife {
  addPlan(plan: NewPlan): Promise<Plan>;
  listPlans(): Promise<Plan[]>;
  plan(name: string): Promise<Plan | undefined>;
  setPlan(name: string, patch: PlanPatch): Promise<Plan>;
  status(address: string): Promise<BoxStatus>;
  renew(address: string, years: number): Promise<BoxChange>;
  changePlan(address: string, plan: string): Promise<BoxChange>;
  addSpace(address: string, bytes: number): Promise<BoxChange>;
  /** What `addSpace` would cost now, prorated to the expiry, in cents. */
  quoteSpace(address: string, bytes: number): Promise<number>;
  /** What a renewal, extra space or plan change would cost and leave, refused as the order would be. */
  quote(address: string, request: OrderQuoteRequest): Promise<OrderQuote>;
  setAutoRenew(address: string, on: boolean): Promise<void>;
  listOrders(query?: OrderQuery): Promise<Order[]>;
  /** Marks an open order paid and applies what waited for it (an automatic renewal). */
  payOrder(id: number): Promise<{ readonly order: Order; readonly renewedUntil?: Date }>;
  /** What the billing system said of an order; paid completes it as `payOrder` does, once. */
  settlePayment(id: number, answer: BillingAnswer): Promise<PaymentSettlement>;
  /** The same, from a signed callback of id `callbackId`: acted on once however often it comes. */
  settleCallback(callbackId: string, id: number, answer: BillingAnswer): Promise<PaymentSettlement>;
  /** Where an order stands with the billing system, when it was put to one. */
  payment(id: number): Promise<Payment | undefined>;
  addCredit(address: string, cents: number): Promise<number>;
  /** Every transition and notice due at `at` (default now), once each across nodes. */
  run(at?: Date): Promise<BoxLifeAction[]>;
}

export function createBoxLife(deps: BoxLifeDependencies): BoxLife {
  const { storage, clock, settings } = deps;

  async function requireMailbox(address: string): Promise<Mailbox> {
    const mailbox = await storage.accounts.findMailboxByAddress(address.trim());
    if (mailbox === undefined)
      throw new BoxLifeError('not-found', `no mailbox ${address.trim().toLowerCase()}`);
    return mailbox;
  }

  async function status(address: string): Promise<BoxStatus> {
    const mailbox = await requireMailbox(address);
    const terms = await storage.boxLife.getTerms(mailbox.id);
    const now = clock.now();
    const state = mailbox.status === 'suspended' ? 'deactivated' : boxStateAt(mailbox, now, settings);
    const calendar = mailbox.expiresAt === null ? undefined : boxCalendar(mailbox.expiresAt, settings);
    return {
      address: mailbox.address,
      plan: mailbox.plan,
      state,
      activatedAt: mailbox.activatedAt,
      expiresAt: mailbox.expiresAt,
      deactivatesAt: calendar?.deactivatesAt ?? null,
      deletesAt: calendar?.deletesAt ?? null,
      quotaBytes: mailbox.quotaBytes,
      usedBytes: mailbox.usedBytes,
      extraQuotaBytes: terms.extraQuotaBytes,
      autoRenew: terms.autoRenew,
      canSend: state === 'active' && mailbox.usedBytes < mailbox.quotaBytes,
      receives: state !== 'deactivated',
    };
  }

  async function renewed(mailbox: Mailbox, termEnd: Date, expiresAt: Date | null): Promise<void> {
    if (expiresAt === null) return;
    await sendBoxNotice(deps, {
      mailbox,
      termEnd,
      step: 'notice-renewed',
      notice: { kind: 'renewed', expiresAt },
      intoBox: true,
      now: clock.now(),
    });
  }

  /** Marks an open order paid and applies what waited for it (an automatic renewal), once. */
  async function payOrder(id: number): Promise<{ readonly order: Order; readonly renewedUntil?: Date }> {
    const order = await storage.billing.getOrder(id);
    if (order === undefined) throw new BoxLifeError('not-found', `no order ${id}`);
    if (order.status !== 'open')
      throw new BoxLifeError('refused', `order ${id} is ${order.status}, not open`);
    const now = clock.now();
    const result = await storage.transaction(async (tx) => {
      if (!(await tx.billing.settleOrder(id, 'paid', now))) {
        throw new BoxLifeError('refused', `order ${id} was settled meanwhile`);
      }
      const mailbox = await tx.accounts.getMailbox(order.mailboxId);
      if (order.applied || mailbox === undefined || !isRenewalEffect(order.effect))
        return { mailbox: undefined };
      const termEnd = new Date(order.effect.termEnd);
      return { mailbox: await extendTerm(tx, mailbox, termEnd, order.effect.months), termEnd };
    });
    const paid = (await storage.billing.getOrder(id)) ?? order;
    if (result.mailbox?.expiresAt == null || result.termEnd === undefined) return { order: paid };
    await renewed(result.mailbox, result.termEnd, result.mailbox.expiresAt);
    return { order: paid, renewedUntil: result.mailbox.expiresAt };
  }

  return {
    addPlan: (plan) => addPlan(storage.plans, plan),
    listPlans: () => storage.plans.list(),
    plan: (name) => storage.plans.get(name),
    setPlan: (name, patch) => changePlanFields(storage.plans, name, patch),
    status,

    async renew(address, years) {
      if (!Number.isInteger(years) || years < 1 || years > 5) {
        throw new BoxLifeError('invalid', 'a renewal is for 1 to 5 years');
      }
      const mailbox = await requireMailbox(address);
      const now = clock.now();
      // Seed 000: the renewal completes only when the box has the space it needs.
      const termEnd = assertRenewable(mailbox, now, settings);
      const plan = mailbox.plan === null ? undefined : await storage.plans.get(mailbox.plan);
      const months = years * 12;
      const change = await storage.transaction(async (tx) => {
        const extended = await extendTerm(tx, mailbox, termEnd, months);
        if (extended === undefined)
          throw new BoxLifeError('conflict', `${mailbox.address} was renewed meanwhile; try again`);
        const order = await placeOrder(
          deps,
          tx,
          {
            mailbox,
            kind: 'renewal',
            description: `renewal for ${years} year${years === 1 ? '' : 's'} (plan ${plan?.name ?? 'none'})`,
            amountCents: plan === undefined ? 0 : termPrice(plan.priceCents, plan.durationMonths, months),
            applied: true,
            effect: { months, termEnd: termEnd.toISOString() },
            termEnd,
          },
          now,
        );
        return { mailbox: extended, order };
      });
      await renewed(change.mailbox, termEnd, change.mailbox.expiresAt);
      return change;
    },

    async changePlan(address, name) {
      const mailbox = await requireMailbox(address);
      const plan = await requirePlan(storage.plans, name);
      const terms = await storage.boxLife.getTerms(mailbox.id);
      // Down only if the contents fit (issue "the box's life").
      const quotaBytes = assertPlanFits(mailbox, plan, terms.extraQuotaBytes);
      const current = mailbox.plan === null ? undefined : await storage.plans.get(mailbox.plan);
      const now = clock.now();
      return storage.transaction(async (tx) => {
        const updated = await tx.accounts.updateMailbox(mailbox.id, { plan: plan.name, quotaBytes });
        // Upgrades pay the difference for the rest of the term; downgrades are not refunded.
        const amountCents = planChangePrice(current, plan, now, mailbox.expiresAt);
        if (amountCents === 0) return { mailbox: updated };
        const order = await placeOrder(
          deps,
          tx,
          {
            mailbox,
            kind: 'plan-change',
            description: `plan ${current?.name ?? 'none'} to ${plan.name}, prorated`,
            amountCents,
            applied: true,
            effect: {},
            termEnd: mailbox.expiresAt,
          },
          now,
        );
        return { mailbox: updated, order };
      });
    },

    async addSpace(address, bytes) {
      if (!Number.isSafeInteger(bytes) || bytes <= 0)
        throw new BoxLifeError('invalid', 'the space to add must be positive');
      const mailbox = await requireMailbox(address);
      const now = clock.now();
      return storage.transaction(async (tx) => {
        const terms = await tx.boxLife.getTerms(mailbox.id);
        await tx.boxLife.setTerms(mailbox.id, { extraQuotaBytes: terms.extraQuotaBytes + bytes });
        const updated = await tx.accounts.updateMailbox(mailbox.id, {
          quotaBytes: mailbox.quotaBytes + bytes,
        });
        const order = await placeOrder(
          deps,
          tx,
          {
            mailbox,
            kind: 'extra-space',
            description: `${formatQuotaSize(bytes)} of extra space until ${mailbox.expiresAt?.toISOString().slice(0, 10) ?? 'a year from now'}, prorated`,
            amountCents: extraSpacePrice(bytes, settings.extraSpaceCentsPerGiBYear, now, mailbox.expiresAt),
            applied: true,
            effect: {},
            termEnd: mailbox.expiresAt,
          },
          now,
        );
        return { mailbox: updated, order };
      });
    },

    async quoteSpace(address, bytes) {
      if (!Number.isSafeInteger(bytes) || bytes <= 0)
        throw new BoxLifeError('invalid', 'the space to add must be positive');
      const mailbox = await requireMailbox(address);
      return extraSpacePrice(bytes, settings.extraSpaceCentsPerGiBYear, clock.now(), mailbox.expiresAt);
    },

    quote: async (address, request) => quoteOrder(deps, await requireMailbox(address), request),

    async setAutoRenew(address, on) {
      const mailbox = await requireMailbox(address);
      await storage.boxLife.setTerms(mailbox.id, { autoRenew: on });
    },

    listOrders: (query) => storage.billing.listOrders(query),

    payOrder,

    settlePayment(id, answer) {
      return settlePayment(deps, payOrder, id, answer);
    },

    settleCallback: (callbackId, id, answer) => settleCallback(deps, payOrder, callbackId, id, answer),

    payment: (id) => storage.billing.getPayment(id),

    async addCredit(address, cents) {
      const mailbox = await requireMailbox(address);
      if (!Number.isSafeInteger(cents) || cents === 0)
        throw new BoxLifeError('invalid', 'the credit to add is a non-zero number of cents');
      return storage.billing.addCredit(mailbox.address, cents);
    },

    run: (at) => runBoxLife(deps, at ?? clock.now()),
  };
}
