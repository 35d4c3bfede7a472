/**
 * What an adapter's test hands to the shared contract suites (house style principle 6): a way to
 * open fresh storage, a second handle on the same database (another connection or pool, to test
 * cross-connection concurrency) and raw-SQL hooks that tamper with the legal log behind the port.
 * Also the small fixtures the suites share: a seeded mailbox and a sample message.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { Mailbox } from '../../ports/account-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { MessageEnvelope, MimeStructure, NewMessage } from '../../ports/mailbox-store.ts';
import type { Storage } from '../../ports/storage.ts';

export interface StorageHarness {
  /** A fresh, empty storage; `clock` stamps rows when given. */
  open(options?: { readonly clock?: Clock }): Promise<Storage>;
  /** Another handle on the same database as `storage`, closed by the caller. */
  openSecond(storage: Storage): Promise<Storage>;
  /** Changes legal log entry `seq` (its subject) with raw SQL, bypassing any guard. */
  tamperLegalLogEntry(storage: Storage, seq: number): Promise<void>;
  /** Deletes legal log entry `seq` with raw SQL. */
  deleteLegalLogEntry(storage: Storage, seq: number): Promise<void>;
  /** Forgets every message's sent time with raw SQL, as rows stored before migration 31 have none. */
  clearSentTimes(storage: Storage): Promise<void>;
}

/** Opens storage, runs `fn`, closes it even when `fn` throws. */
export async function withStorage<T>(
  harness: StorageHarness,
  fn: (storage: Storage) => Promise<T>,
  options?: { readonly clock?: Clock },
): Promise<T> {
  const storage = await harness.open(options);
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

let mailboxCounter = 0;

/** Creates a provider domain (if needed) and a fresh mailbox on it. */
export async function seedMailbox(storage: Storage, quotaBytes = 1_000_000): Promise<Mailbox> {
  mailboxCounter += 1;
  const domain = 'pec.example.it';
  if ((await storage.accounts.getDomain(domain)) === undefined) {
    await storage.accounts.addDomain({ name: domain });
  }
  return storage.accounts.createMailbox({
    address: `user${mailboxCounter}.${randomBytes(3).toString('hex')}@${domain}`,
    holderName: 'Mario Rossi',
    quotaBytes,
  });
}

export const sampleEnvelope: MessageEnvelope = {
  date: 'Tue, 05 Nov 2024 10:00:00 +0100',
  subject: '=?utf-8?q?Fattura_n=C2=B0_1?=',
  from: [{ name: 'Mario Rossi', address: 'mario@pec.example.it' }],
  sender: [],
  replyTo: [],
  to: [{ name: null, address: 'ufficio@pec.example.org' }],
  cc: [],
  bcc: [],
  inReplyTo: null,
  messageId: '<abc@client.example>',
};

export const sampleStructure: MimeStructure = {
  type: 'multipart',
  subtype: 'mixed',
  params: { boundary: 'b1' },
  id: null,
  description: null,
  encoding: null,
  disposition: null,
  language: null,
  location: null,
  size: 120,
  lines: null,
  offsets: { header: 0, body: 80, end: 200 },
  parts: [
    {
      type: 'text',
      subtype: 'plain',
      params: { charset: 'utf-8' },
      id: null,
      description: null,
      encoding: '7bit',
      disposition: null,
      language: null,
      location: null,
      size: 5,
      lines: 1,
      offsets: { header: 90, body: 120, end: 125 },
      parts: [],
      message: null,
    },
  ],
  message: null,
};

/** A message row for `bytes` (random when omitted); the blob key is their real SHA-256. */
export function sampleMessage(overrides: Partial<NewMessage> = {}, bytes?: Uint8Array): NewMessage {
  const raw = bytes ?? randomBytes(64 + Math.floor(Math.random() * 64));
  return {
    blobKey: createHash('sha256').update(raw).digest('hex'),
    size: raw.length,
    internalDate: new Date('2024-11-05T09:00:00.000Z'),
    envelope: sampleEnvelope,
    structure: sampleStructure,
    pecType: 'posta-certificata',
    pecReference: '<abc@client.example>',
    ...overrides,
  };
}

/** `value`, asserting that it is there (contract files cannot use `!`). */
export function must<T>(value: T | null | undefined, what = 'value'): T {
  assert.ok(value !== undefined && value !== null, `${what} is missing`);
  return value;
}
