/**
 * The contacts service over its store (decision 0037): validates and normalises the fields, keeps
 * them as one JSON document per contact, marks each address whose domain is in the providers'
 * index, and reads and writes vCard files. A stored document that no longer fits is read leniently
 * (missing lists as empty), so an older row never breaks the address book.
 */
import type { Clock } from '../../ports/clock.ts';
import type { ContactStore, StoredContact } from '../../ports/contact-store.ts';
import {
  maxAddresses,
  maxContacts,
  maxGroupLength,
  maxGroups,
  maxNameLength,
  maxNotesLength,
  maxPhoneLength,
  maxPhones,
  maxSuggestions,
  type Contact,
  type ContactFields,
  type ContactProblem,
  type ContactsService,
  type RejectedCard,
  type SaveOutcome,
  type Suggestion,
} from './contacts.ts';
import { parseVcards, renderVcard } from './vcard.ts';

export interface ContactsDependencies {
  readonly store: ContactStore;
  readonly clock: Clock;
  /** True when the address's domain is in the providers' index (ProviderIndex.classifyDomain). */
  readonly inIndex: (address: string) => boolean;
}

/** RFC 5321 shape, checked loosely: one @, a dotted domain, no spaces or angle brackets. */
const addressPattern =
  /^[^\s@<>(),;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function unique(values: readonly string[], key: (v: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === '' || seen.has(key(value))) continue;
    seen.add(key(value));
    out.push(value);
  }
  return out;
}

type Checked =
  | { readonly ok: true; readonly fields: ContactFields }
  | { readonly ok: false; readonly problem: ContactProblem; readonly value?: string };

/** Trims, drops empties and duplicates, and checks every limit of contacts.ts. */
export function checkContact(fields: ContactFields): Checked {
  const pec = unique(fields.pec, (a) => a.toLowerCase());
  const emails = unique(fields.emails, (a) => a.toLowerCase()).filter(
    (a) => !pec.some((p) => p.toLowerCase() === a.toLowerCase()),
  );
  for (const address of [...pec, ...emails]) {
    if (!addressPattern.test(address)) return { ok: false, problem: 'address', value: address };
  }
  if (pec.length > maxAddresses || emails.length > maxAddresses)
    return { ok: false, problem: 'too-many-addresses' };
  const name = fields.name.trim() === '' ? (pec[0] ?? emails[0] ?? '') : fields.name.trim();
  if (name === '' || name.length > maxNameLength) return { ok: false, problem: 'name' };
  const phones = unique(fields.phones);
  if (
    phones.length > maxPhones ||
    phones.some((p) => p.length > maxPhoneLength || !/^[0-9+()./ -]+$/.test(p))
  ) {
    return { ok: false, problem: 'phone' };
  }
  const notes = fields.notes.trim();
  if (notes.length > maxNotesLength) return { ok: false, problem: 'notes' };
  const groups = unique(fields.groups, (g) => g.toLowerCase());
  if (groups.length > maxGroups || groups.some((g) => g.length > maxGroupLength))
    return { ok: false, problem: 'group' };
  return { ok: true, fields: { name, pec, emails, phones, notes, groups } };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function createContacts(deps: ContactsDependencies): ContactsService {
  const { store, clock } = deps;

  function fieldsOf(row: StoredContact): ContactFields {
    let doc: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(row.details);
      if (typeof parsed === 'object' && parsed !== null) doc = parsed as Record<string, unknown>;
    } catch {
      // An unreadable document reads as a contact with a name only.
    }
    return {
      name: row.name,
      pec: strings(doc['pec']),
      emails: strings(doc['emails']),
      phones: strings(doc['phones']),
      notes: typeof doc['notes'] === 'string' ? doc['notes'] : '',
      groups: strings(doc['groups']),
    };
  }

  function view(row: StoredContact): Contact {
    const fields = fieldsOf(row);
    const mark = (address: string) => ({ address, inIndex: deps.inIndex(address) });
    return {
      id: row.id,
      name: fields.name,
      pec: fields.pec.map(mark),
      emails: fields.emails.map(mark),
      phones: fields.phones,
      notes: fields.notes,
      groups: fields.groups,
      updatedAt: row.updatedAt,
    };
  }

  const detailsOf = (f: ContactFields) =>
    JSON.stringify({ pec: f.pec, emails: f.emails, phones: f.phones, notes: f.notes, groups: f.groups });

  async function create(mailboxId: number, fields: ContactFields): Promise<SaveOutcome> {
    const checked = checkContact(fields);
    if (!checked.ok)
      return {
        kind: 'invalid',
        problem: checked.problem,
        ...(checked.value === undefined ? {} : { value: checked.value }),
      };
    if ((await store.count(mailboxId)) >= maxContacts)
      return { kind: 'invalid', problem: 'address-book-full' };
    const row = await store.create(mailboxId, checked.fields.name, detailsOf(checked.fields), clock.now());
    return { kind: 'saved', contact: view(row) };
  }

  return {
    async list(mailboxId, group) {
      const rows = (await store.list(mailboxId)).map(view);
      if (group === undefined) return rows;
      const wanted = group.toLowerCase();
      return rows.filter((c) => c.groups.some((g) => g.toLowerCase() === wanted));
    },
    async get(mailboxId, id) {
      const row = await store.get(mailboxId, id);
      return row === undefined ? undefined : view(row);
    },
    async groups(mailboxId) {
      const all = (await store.list(mailboxId)).flatMap((row) => fieldsOf(row).groups);
      return unique(all, (g) => g.toLowerCase()).sort((a, b) => a.localeCompare(b));
    },
    create,
    async update(mailboxId, id, fields) {
      const checked = checkContact(fields);
      if (!checked.ok)
        return {
          kind: 'invalid',
          problem: checked.problem,
          ...(checked.value === undefined ? {} : { value: checked.value }),
        };
      const done = await store.update(
        mailboxId,
        id,
        checked.fields.name,
        detailsOf(checked.fields),
        clock.now(),
      );
      if (!done) return { kind: 'not-found' };
      const row = await store.get(mailboxId, id);
      return row === undefined ? { kind: 'not-found' } : { kind: 'saved', contact: view(row) };
    },
    remove: (mailboxId, id) => store.remove(mailboxId, id),
    async suggest(mailboxId, prefix) {
      const wanted = prefix.trim().toLowerCase();
      if (wanted === '') return [];
      const out: Suggestion[] = [];
      for (const contact of (await store.list(mailboxId)).map(view)) {
        const nameMatches =
          contact.name
            .toLowerCase()
            .split(/[\s,.'-]+/)
            .some((word) => word.startsWith(wanted)) || contact.name.toLowerCase().startsWith(wanted);
        const entries = [
          ...contact.pec.map((a) => ({ ...a, pec: true })),
          ...contact.emails.map((a) => ({ ...a, pec: false })),
        ];
        for (const entry of entries) {
          if (nameMatches || entry.address.toLowerCase().startsWith(wanted)) {
            out.push({ contactId: contact.id, name: contact.name, ...entry });
          }
        }
      }
      // PEC addresses first (they are what a PEC box sends to), then by name.
      out.sort(
        (a, b) => Number(b.pec || b.inIndex) - Number(a.pec || a.inIndex) || a.name.localeCompare(b.name),
      );
      return out.slice(0, maxSuggestions);
    },
    async exportCards(mailboxId, id) {
      if (id !== undefined) {
        const row = await store.get(mailboxId, id);
        return row === undefined ? undefined : renderVcard(fieldsOf(row));
      }
      return (await store.list(mailboxId)).map((row) => renderVcard(fieldsOf(row))).join('');
    },
    async importCards(mailboxId, text) {
      let imported = 0;
      const rejected: RejectedCard[] = [];
      let position = 0;
      for (const card of parseVcards(text)) {
        position++;
        if (card.kind === 'rejected') {
          rejected.push({ card: position, name: card.name, reason: card.reason });
          continue;
        }
        // An ordinary-looking address whose domain is in the providers' index is a PEC address.
        const fields = {
          ...card.fields,
          pec: [...card.fields.pec, ...card.fields.emails.filter((a) => deps.inIndex(a))],
          emails: card.fields.emails.filter((a) => !deps.inIndex(a)),
        };
        const outcome = await create(mailboxId, fields);
        if (outcome.kind === 'saved') imported++;
        else if (outcome.kind === 'invalid') {
          rejected.push({
            card: position,
            name: fields.name === '' ? null : fields.name,
            reason: outcome.problem,
          });
        }
      }
      return { imported, rejected };
    },
  };
}
