/**
 * The contacts service: fields normalised and checked, the providers'-index mark, prefix search
 * with PEC first, and vCard 4 export read back by the import (3.0 tolerated, bad cards reported).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContactStore, StoredContact } from '../../ports/contact-store.ts';
import type { ContactFields } from './contacts.ts';
import { createContacts } from './create-contacts.ts';
import { parseVcards, renderVcard } from './vcard.ts';

function memoryStore(): ContactStore {
  const rows = new Map<number, StoredContact & { mailboxId: number }>();
  let next = 1;
  const mine = (mailboxId: number, id: number) => {
    const row = rows.get(id);
    return row?.mailboxId === mailboxId ? row : undefined;
  };
  return {
    list: (mailboxId) =>
      Promise.resolve(
        [...rows.values()]
          .filter((r) => r.mailboxId === mailboxId)
          .sort((a, b) => a.name.localeCompare(b.name)),
      ),
    get: (mailboxId, id) => Promise.resolve(mine(mailboxId, id)),
    count: (mailboxId) => Promise.resolve([...rows.values()].filter((r) => r.mailboxId === mailboxId).length),
    create(mailboxId, name, details, at) {
      const row = { id: next++, mailboxId, name, details, updatedAt: at };
      rows.set(row.id, row);
      return Promise.resolve(row);
    },
    update(mailboxId, id, name, details, at) {
      const row = mine(mailboxId, id);
      if (row !== undefined) rows.set(id, { ...row, name, details, updatedAt: at });
      return Promise.resolve(row !== undefined);
    },
    remove: (mailboxId, id) => Promise.resolve(mine(mailboxId, id) !== undefined && rows.delete(id)),
  };
}

const indexed = new Set(['pec.example.it', 'legalmail.example.it']);
function service() {
  return createContacts({
    store: memoryStore(),
    clock: { now: () => new Date(5000) },
    inIndex: (address) => indexed.has(address.slice(address.lastIndexOf('@') + 1).toLowerCase()),
  });
}

const blank: ContactFields = { name: '', pec: [], emails: [], phones: [], notes: '', groups: [] };

describe('contacts service (decision 0037)', () => {
  it('normalises fields, marks addresses in the index, and refuses what does not fit', async () => {
    const contacts = service();
    const saved = await contacts.create(1, {
      ...blank,
      name: '  Studio Bianchi ',
      pec: ['studio@pec.example.it', 'STUDIO@pec.example.it', ' '],
      emails: ['info@bianchi.example.com', 'studio@pec.example.it'],
      phones: ['+39 06 1234567'],
      groups: ['Clienti', 'clienti', 'Avvocati'],
    });
    assert.equal(saved.kind, 'saved');
    assert.equal(saved.contact.name, 'Studio Bianchi');
    assert.deepEqual(saved.contact.pec, [{ address: 'studio@pec.example.it', inIndex: true }]);
    assert.deepEqual(saved.contact.emails, [{ address: 'info@bianchi.example.com', inIndex: false }]);
    assert.deepEqual(saved.contact.groups, ['Clienti', 'Avvocati']);
    const named = await contacts.create(1, { ...blank, emails: ['anna@example.org'] });
    assert.equal(named.kind === 'saved' && named.contact.name, 'anna@example.org', 'the address names it');
    assert.deepEqual(await contacts.create(1, blank), { kind: 'invalid', problem: 'name' });
    assert.deepEqual(await contacts.create(1, { ...blank, name: 'X', pec: ['not an address'] }), {
      kind: 'invalid',
      problem: 'address',
      value: 'not an address',
    });
    assert.equal((await contacts.create(1, { ...blank, name: 'X', phones: ['call me'] })).kind, 'invalid');
    assert.equal(
      (await contacts.create(1, { ...blank, name: 'X', notes: 'n'.repeat(2001) })).kind,
      'invalid',
    );
    assert.deepEqual(await contacts.update(2, saved.contact.id, { ...blank, name: 'Y' }), {
      kind: 'not-found',
    });
    assert.equal(await contacts.remove(2, saved.contact.id), false, "another box's contact");
    assert.deepEqual(await contacts.groups(1), ['Avvocati', 'Clienti']);
    assert.deepEqual(
      (await contacts.list(1, 'avvocati')).map((c) => c.name),
      ['Studio Bianchi'],
    );
  });

  it('suggests by any word of the name or the start of an address, PEC first', async () => {
    const contacts = service();
    await contacts.create(1, {
      ...blank,
      name: 'Mario Rossi',
      emails: ['mario@example.org'],
      pec: ['rossi@pec.example.it'],
    });
    await contacts.create(1, {
      ...blank,
      name: 'Ufficio Protocollo',
      pec: ['protocollo@legalmail.example.it'],
    });
    await contacts.create(2, { ...blank, name: 'Rosa Neri', pec: ['rosa@pec.example.it'] });
    assert.deepEqual(
      (await contacts.suggest(1, 'ros')).map((s) => [s.address, s.pec]),
      [
        ['rossi@pec.example.it', true],
        ['mario@example.org', false],
      ],
    );
    assert.deepEqual(
      (await contacts.suggest(1, 'PROT')).map((s) => s.address),
      ['protocollo@legalmail.example.it'],
    );
    assert.deepEqual(await contacts.suggest(1, '  '), []);
    assert.deepEqual(await contacts.suggest(1, 'zzz'), []);
  });

  it('exports vCard 4 that imports back the same, folded and escaped', async () => {
    const contacts = service();
    const saved = await contacts.create(1, {
      ...blank,
      name: 'Bianchi, Rossi & Associati; Studio',
      pec: ['studio@pec.example.it'],
      emails: ['segreteria@bianchi.example.com'],
      phones: ['+39 06 1234567'],
      notes: 'Riceve il martedì.\nChiedere di Lucia, in segreteria: ' + 'è'.repeat(60),
      groups: ['Clienti, importanti', 'Avvocati'],
    });
    assert.equal(saved.kind, 'saved');
    const text = (await contacts.exportCards(1)) ?? '';
    assert.match(text, /^BEGIN:VCARD\r\nVERSION:4\.0\r\nFN:Bianchi\\, Rossi & Associati\\; Studio\r\n/);
    assert.match(text, /EMAIL;TYPE=x-pec:studio@pec\.example\.it\r\n/);
    assert.match(text, /CATEGORIES:Clienti\\, importanti,Avvocati\r\n/);
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
    assert.equal(await contacts.exportCards(2, saved.contact.id), undefined);
    const other = service();
    assert.deepEqual(await other.importCards(1, text), { imported: 1, rejected: [] });
    const [back] = await other.list(1);
    const [first] = await contacts.list(1);
    assert.deepEqual({ ...back, id: 0 }, { ...first, id: 0 });
  });

  it('reads vCard 3.0 and reports each card it leaves out, with why', async () => {
    const contacts = service();
    const file = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Verdi;Giuseppe;;Dott.;',
      'item1.EMAIL;TYPE=INTERNET,PREF:giuseppe@pec.example.it',
      'EMAIL;INTERNET:g.verdi@example.org',
      'TEL;TYPE=CELL:+39 333 1234',
      'NOTE:Prima riga\\nseconda',
      'CATEGORIES:Fornitori',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'FN:Vecchio',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'TEL:123',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Sbagliato',
      'EMAIL:non-valido',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Lunga riga',
      'EMAIL:lunga@exa',
      ' mple.org',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:4.0',
      'FN:Troncato',
    ].join('\r\n');
    assert.deepEqual(await contacts.importCards(1, file), {
      imported: 2,
      rejected: [
        { card: 2, name: 'Vecchio', reason: 'unsupported-version' },
        { card: 3, name: null, reason: 'no-name-or-address' },
        { card: 4, name: 'Sbagliato', reason: 'address' },
        { card: 6, name: null, reason: 'not-closed' },
      ],
    });
    const all = await contacts.list(1);
    const verdi = all.at(0);
    const long = all.at(1);
    assert.ok(verdi && long);
    assert.deepEqual(long.emails, [{ address: 'lunga@example.org', inIndex: false }]);
    assert.equal(verdi.name, 'Dott. Giuseppe Verdi');
    assert.deepEqual(verdi.pec, [{ address: 'giuseppe@pec.example.it', inIndex: true }], 'in the index: PEC');
    assert.deepEqual(verdi.emails, [{ address: 'g.verdi@example.org', inIndex: false }]);
    assert.deepEqual(verdi.phones, ['+39 333 1234']);
    assert.equal(verdi.notes, 'Prima riga\nseconda');
    assert.deepEqual(verdi.groups, ['Fornitori']);
    assert.equal(parseVcards('').length, 0);
    assert.match(
      renderVcard({ ...blank, name: 'A' }),
      /^BEGIN:VCARD\r\nVERSION:4\.0\r\nFN:A\r\nEND:VCARD\r\n$/,
    );
  });
});
