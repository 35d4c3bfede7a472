/**
 * The lifecycle job (`pec lifecycle run`, and daily in the server): for every box with an expiry
 * date, applies each step due at `now` (box-calendar.ts) exactly once across nodes: the claim of
 * (box, term, step) commits in the same transaction as the step's effect. Notices are their own
 * steps (send-box-notice.ts), so a crash between a transition and its notice is healed by the
 * next run. Deletion removes the box's rows and then the blobs no other message references, and
 * reserves the address to the holder's tax code.
 */
import type { Mailbox } from '../../ports/account-store.ts';
import type { BoxLifeDependencies } from './box-life-dependencies.ts';
import { boxCalendar, dueBoxSteps, type BoxStep } from './box-calendar.ts';
import { formatEuro } from './build-box-notice.ts';
import { extendTerm, isRenewalEffect, placeOrder, settleIfPaid, termPrice } from './renew-box.ts';
import { sendBoxNotice } from './send-box-notice.ts';

/** One thing the job did. */
export interface BoxLifeAction {
  readonly address: string;
  readonly step: string;
  readonly detail: string;
}

type StepResult = { readonly actions: BoxLifeAction[]; readonly termChanged: boolean };

const none: StepResult = { actions: [], termChanged: false };

export async function runBoxLife(deps: BoxLifeDependencies, now: Date): Promise<BoxLifeAction[]> {
  const actions: BoxLifeAction[] = [];
  for (const listed of await deps.storage.accounts.listMailboxes()) {
    if (listed.expiresAt === null) continue;
    // A box renewed by hand (`pec mailbox set --expires`) is active again.
    const mailbox =
      listed.status === 'expired' && listed.expiresAt > now
        ? await deps.storage.accounts.updateMailbox(listed.id, { status: 'active' })
        : listed;
    const terms = await deps.storage.boxLife.getTerms(mailbox.id);
    for (const step of dueBoxSteps(mailbox, terms, now, deps.settings)) {
      const result = await applyStep(deps, mailbox, step, now);
      actions.push(...result.actions);
      // A renewal or a deletion ends this box's calendar for this run.
      if (result.termChanged) break;
    }
  }
  return actions;
}

async function applyStep(
  deps: BoxLifeDependencies,
  mailbox: Mailbox,
  step: BoxStep,
  now: Date,
): Promise<StepResult> {
  const termEnd = mailbox.expiresAt;
  if (termEnd === null) return none;
  const calendar = boxCalendar(termEnd, deps.settings);
  const notice = async (
    name: string,
    body: Parameters<typeof sendBoxNotice>[1]['notice'],
    intoBox: boolean,
  ) =>
    (await sendBoxNotice(deps, { mailbox, termEnd, step: name, notice: body, intoBox, now }))
      ? [{ address: mailbox.address, step: name, detail: `notice ${body.kind} sent` }]
      : [];
  switch (step.kind) {
    case 'notice-before':
      return {
        actions: await notice(
          step.step,
          { kind: 'expiry-ahead', daysBefore: step.daysBefore, expiresAt: termEnd },
          true,
        ),
        termChanged: false,
      };
    case 'charge':
      return charge(deps, mailbox, termEnd, step.step, now);
    case 'expire': {
      const done = await claimWith(deps, mailbox, termEnd, step.step, now, async (tx) => {
        if (mailbox.status === 'active') await tx.accounts.updateMailbox(mailbox.id, { status: 'expired' });
      });
      const sent = step.notify
        ? await notice(
            'notice-expired',
            { kind: 'expired', expiresAt: termEnd, deactivatesAt: calendar.deactivatesAt },
            true,
          )
        : [];
      return {
        actions: [...(done ? [action(mailbox, step.step, 'expired: receives, cannot send')] : []), ...sent],
        termChanged: false,
      };
    }
    case 'deactivate': {
      const done = await claimWith(deps, mailbox, termEnd, step.step, now, async (tx) => {
        await tx.boxLife.endSessions(mailbox.id);
      });
      const sent = step.notify
        ? await notice('notice-deactivated', { kind: 'deactivated', deletesAt: calendar.deletesAt }, false)
        : [];
      return {
        actions: [
          ...(done ? [action(mailbox, step.step, 'deactivated: no receiving, no sign-in')] : []),
          ...sent,
        ],
        termChanged: false,
      };
    }
    case 'delete':
      return deleteBox(deps, mailbox, termEnd, now);
  }
}

const action = (mailbox: Mailbox, step: string, detail: string): BoxLifeAction => ({
  address: mailbox.address,
  step,
  detail,
});

/** Claims the step and runs `effect` in one transaction; false when it was done before. */
async function claimWith(
  deps: BoxLifeDependencies,
  mailbox: Mailbox,
  termEnd: Date,
  step: string,
  now: Date,
  effect: (tx: Parameters<Parameters<BoxLifeDependencies['storage']['transaction']>[0]>[0]) => Promise<void>,
): Promise<boolean> {
  return deps.storage.transaction(async (tx) => {
    const won = await tx.boxLife.claimStep({
      mailboxId: mailbox.id,
      termEnd,
      step,
      node: deps.settings.node,
      claimedAt: now,
    });
    if (won) await effect(tx);
    return won;
  });
}

/**
 * One daily attempt of an automatic renewal: the open order of this term, or a new one, is put to
 * the billing port; once paid the term is extended, even for a full box (it keeps receiving and
 * cannot send until it has space).
 */
async function charge(
  deps: BoxLifeDependencies,
  mailbox: Mailbox,
  termEnd: Date,
  step: string,
  now: Date,
): Promise<StepResult> {
  const outcome = await deps.storage.transaction(async (tx) => {
    const won = await tx.boxLife.claimStep({
      mailboxId: mailbox.id,
      termEnd,
      step,
      node: deps.settings.node,
      claimedAt: now,
    });
    if (!won) return undefined;
    const plan = mailbox.plan === null ? undefined : await tx.plans.get(mailbox.plan);
    const months = plan?.durationMonths ?? 12;
    const open = await tx.billing.findOpenOrder(mailbox.id, 'renewal', termEnd);
    const order =
      open === undefined
        ? await placeOrder(
            deps,
            tx,
            {
              mailbox,
              kind: 'renewal',
              description: `automatic renewal for ${months} months (plan ${plan?.name ?? 'none'})`,
              amountCents: plan === undefined ? 0 : termPrice(plan.priceCents, plan.durationMonths, months),
              applied: false,
              effect: { months, termEnd: termEnd.toISOString() },
              termEnd,
            },
            now,
          )
        : await settleIfPaid(deps, tx, open, now);
    if (order.status !== 'paid') return { order, renewed: undefined };
    const effect = isRenewalEffect(order.effect) ? order.effect : { months, termEnd: termEnd.toISOString() };
    return { order, renewed: await extendTerm(tx, mailbox, termEnd, effect.months) };
  });
  if (outcome === undefined) return none;
  const { order, renewed } = outcome;
  if (renewed?.expiresAt != null) {
    const sent = await sendBoxNotice(deps, {
      mailbox,
      termEnd,
      step: 'notice-renewed',
      notice: { kind: 'renewed', expiresAt: renewed.expiresAt },
      intoBox: true,
      now,
    });
    return {
      actions: [
        action(mailbox, step, `renewed until ${renewed.expiresAt.toISOString()} (order ${order.id} paid)`),
        ...(sent ? [action(mailbox, 'notice-renewed', 'notice renewed sent')] : []),
      ],
      termChanged: true,
    };
  }
  const sent = await sendBoxNotice(deps, {
    mailbox,
    termEnd,
    step: 'notice-renewal-pending',
    notice: {
      kind: 'renewal-pending',
      orderId: order.id,
      amountCents: order.amountCents,
      expiresAt: termEnd,
    },
    intoBox: now < boxCalendar(termEnd, deps.settings).deactivatesAt,
    now,
  });
  return {
    actions: [
      action(mailbox, step, `order ${order.id} (${formatEuro(order.amountCents)}) waits for payment`),
      ...(sent ? [action(mailbox, 'notice-renewal-pending', 'notice renewal-pending sent')] : []),
    ],
    termChanged: false,
  };
}

/**
 * Deletes the box for good: its rows (folders, messages, terms, steps, sessions) in one transaction
 * with the claim and the address reservation, then the blobs no remaining message references.
 */
async function deleteBox(
  deps: BoxLifeDependencies,
  mailbox: Mailbox,
  termEnd: Date,
  now: Date,
): Promise<StepResult> {
  const { storage, blobs } = deps;
  const keys = new Set<string>();
  for (const folder of await storage.mailboxes.listFolders(mailbox.id)) {
    for (const message of await storage.mailboxes.listMessages(folder.id)) keys.add(message.blobKey);
  }
  // The last notice goes only to the contact address: the box is gone.
  const sent = await sendBoxNotice(deps, {
    mailbox,
    termEnd,
    step: 'notice-deleted',
    notice: { kind: 'deleted' },
    intoBox: false,
    now,
  });
  const done = await claimWith(deps, mailbox, termEnd, 'delete', now, async (tx) => {
    await tx.boxLife.forgetMailbox(mailbox.id);
    await tx.accounts.deleteMailbox(mailbox.id);
    await tx.boxLife.reserveAddress({
      address: mailbox.address,
      holderTaxCode: mailbox.holderTaxCode,
      reservedAt: now,
    });
  });
  if (!done) return { actions: [], termChanged: true };
  let removed = 0;
  for (const key of keys) {
    if (!(await storage.mailboxes.isBlobReferenced(key)) && (await blobs.delete(key))) removed += 1;
  }
  return {
    actions: [
      ...(sent ? [action(mailbox, 'notice-deleted', 'notice deleted sent')] : []),
      action(
        mailbox,
        'delete',
        `deleted: ${removed} messages' bytes removed; address reserved to ${mailbox.holderTaxCode ?? 'no tax code'}`,
      ),
    ],
    termChanged: true,
  };
}
