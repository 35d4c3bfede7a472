import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeaders, parseHeaderBlock, readPecMessage } from '@pec/core';
import { composeHolderMessage, type HolderMessage } from './compose-holder-message.ts';

const base: HolderMessage = {
  from: { address: 'mario@pec.example.it', displayName: 'Mario Rossi' },
  to: ['anna@pec.example.it'],
  cc: ['bruno@pec.example.it', 'carla@pec.example.it'],
  subject: 'Richiesta è urgente',
  text: `Riga uno\nRiga due ${'lunga '.repeat(400)}\n`,
  receiptType: 'sintetica',
  attachments: [
    { name: 'atto notarile è.pdf', contentType: 'application/pdf', bytes: new Uint8Array([1, 2, 3]) },
  ],
  messageId: '<m1@pec.example.it>',
  date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
};

describe('composeHolderMessage', () => {
  it('writes From, To, Cc, X-TipoRicevuta and no Bcc, every line within RFC 5322 §2.1.1', () => {
    const raw = composeHolderMessage(base);
    const text = Buffer.from(raw).toString('latin1');
    const headers = parseHeaderBlock(raw);
    assert.deepEqual(getHeaders(headers, 'x-tiporicevuta'), ['sintetica']);
    assert.match(text, /^X-TipoRicevuta: sintetica\r$/m);
    assert.deepEqual(getHeaders(headers, 'message-id'), ['<m1@pec.example.it>']);
    assert.deepEqual(getHeaders(headers, 'date'), ['Fri, 02 Jan 2026 03:04:05 +0000']);
    assert.equal(getHeaders(headers, 'bcc').length, 0);
    assert.match(getHeaders(headers, 'cc')[0] ?? '', /bruno@pec\.example\.it, carla@pec\.example\.it/);
    for (const line of text.split('\r\n')) assert.ok(line.length <= 998, `${String(line.length)} octets`);
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /\n/, 'CRLF only');
  });

  it('is ordinary mail to the PEC reader, names the file in RFC 2231 form, and is pure', async () => {
    const read = await readPecMessage(composeHolderMessage(base), { skipSignature: true });
    assert.equal(read.type, 'ordinaria');
    const text = Buffer.from(composeHolderMessage(base)).toString('latin1');
    assert.match(text, /filename\*=UTF-8''atto%20notarile%20%C3%A8\.pdf/);
    const same = composeHolderMessage(base);
    assert.deepEqual(same, composeHolderMessage(base), 'pure: same input, same bytes');
  });

  it('writes a single text part when there is no attachment', () => {
    const text = Buffer.from(composeHolderMessage({ ...base, attachments: [] })).toString('utf8');
    assert.match(text, /^Content-Type: text\/plain; charset=utf-8\r$/m);
    assert.doesNotMatch(text, /multipart/);
  });
});
