/**
 * Test-only: the sender's follow-up of one PEC message per recipient (pec-spec §3.5–§3.7), as
 * `pec message status ID --json` prints it, and a poll of the same facts through the in-process
 * storage while a scenario waits for receipts.
 */
import { getMessageStatus, renderMessageStatusJson } from '../../src/services/tracking/get-message-status.ts';
import type { PairProvider } from './provider-pair.ts';

export interface StatusEvent {
  readonly at: string;
  readonly receiptId: string | null;
  readonly detail: string | null;
}

export interface RecipientStatus {
  readonly address: string;
  readonly kind: 'certificato' | 'esterno';
  readonly status: string;
  readonly statusAt: string;
  readonly events: Readonly<
    Partial<Record<'taken-in-charge' | 'timeout-12h' | 'delivered' | 'error' | 'timeout-24h', StatusEvent>>
  >;
}

export interface MessageStatus {
  readonly identifier: string;
  readonly sender: string;
  readonly recipients: readonly RecipientStatus[];
}

/** `pec message status ID --json --data DIR`. */
export async function cliMessageStatus(p: PairProvider, identifier: string): Promise<MessageStatus> {
  return JSON.parse(await p.pec(['message', 'status', identifier, '--json'])) as MessageStatus;
}

export async function storedMessageStatus(
  p: Pick<PairProvider, 'ctx'>,
  identifier: string,
): Promise<MessageStatus | undefined> {
  const status = await getMessageStatus(p.ctx.storage, identifier);
  return status === undefined ? undefined : (renderMessageStatusJson(status) as MessageStatus);
}

/** `address → status`, sorted by address. */
export function statusByRecipient(status: MessageStatus | undefined): Record<string, string> {
  return Object.fromEntries(
    [...(status?.recipients ?? [])]
      .sort((x, y) => x.address.localeCompare(y.address))
      .map((r) => [r.address, r.status]),
  );
}

/** Polls the stored status until every recipient reached one of `final`. */
export async function waitForStatus(
  p: Pick<PairProvider, 'ctx' | 'output'>,
  identifier: string,
  final: readonly string[],
  timeoutMs = 60_000,
): Promise<MessageStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await storedMessageStatus(p, identifier);
    if (status !== undefined && status.recipients.every((r) => final.includes(r.status))) return status;
    if (Date.now() > deadline) {
      throw new Error(`${identifier}: ${JSON.stringify(statusByRecipient(status))}\n${p.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
