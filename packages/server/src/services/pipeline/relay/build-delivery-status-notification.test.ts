import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getHeader, parseHeaderBlock, parseMimeTree, readBodyBytes } from '@pec/core';
import { buildDeliveryStatusNotification, headerSectionOf } from './build-delivery-status-notification.ts';

const original = Buffer.from(
  'From: mario@pec.example.it\r\nSubject: =?utf-8?q?caff=C3=A8?=\r\nMessage-ID: <m1@x>\r\n\r\nbody\r\n',
);

const input = {
  reportingHost: 'mx.pec.example.it',
  to: 'mario@pec.example.it',
  messageId: 'dsn.1@mx.pec.example.it',
  issuedAt: new Date('2026-03-11T09:30:00Z'),
  arrivedAt: new Date('2026-03-10T09:30:00Z'),
  originalHeaders: headerSectionOf(original),
  reference: 'opec1@pec.example.it',
  recipients: [
    {
      address: 'bob@ordinary.example',
      status: '5.1.1',
      remoteMta: 'mx.ordinary.example',
      diagnostic: '550 5.1.1 utente sconosciuto \u00e8\r\nBcc: injected',
      detail: '550 5.1.1 utente sconosciuto',
      lastAttemptAt: new Date('2026-03-11T09:29:00Z'),
    },
    {
      address: 'carla@down.example',
      status: '4.4.7',
      remoteMta: null,
      diagnostic: null,
      detail: 'no route',
      lastAttemptAt: null,
    },
  ],
};

describe('buildDeliveryStatusNotification', () => {
  it('builds an RFC 3464 report from the null sender: explanation, status fields, original headers', () => {
    const bytes = buildDeliveryStatusNotification(input);
    assert.deepEqual(buildDeliveryStatusNotification(input), bytes, 'deterministic');
    const header = parseHeaderBlock(bytes);
    assert.equal(getHeader(header, 'Auto-Submitted'), 'auto-replied');
    assert.equal(getHeader(header, 'Message-ID'), '<dsn.1@mx.pec.example.it>');
    const root = parseMimeTree(bytes);
    assert.equal(root.contentType.value, 'multipart/report');
    assert.equal(root.contentType.params.get('report-type'), 'delivery-status');
    const [text, status, headers] = root.children.map((child) =>
      Buffer.from(readBodyBytes(bytes, child)).toString('latin1'),
    );
    assert.match(text ?? '', /<bob@ordinary\.example>: the recipient was refused/);
    assert.match(text ?? '', /<carla@down\.example>: the message stayed undeliverable/);
    assert.equal(
      status,
      [
        'Reporting-MTA: dns; mx.pec.example.it',
        'Arrival-Date: Tue, 10 Mar 2026 10:30:00 +0100',
        '',
        'Final-Recipient: rfc822; bob@ordinary.example',
        'Action: failed',
        'Status: 5.1.1',
        'Remote-MTA: dns; mx.ordinary.example',
        'Diagnostic-Code: smtp; 550 5.1.1 utente sconosciuto ? Bcc: injected',
        'Last-Attempt-Date: Wed, 11 Mar 2026 10:29:00 +0100',
        '',
        'Final-Recipient: rfc822; carla@down.example',
        'Action: failed',
        'Status: 4.4.7',
        '',
      ].join('\r\n'),
    );
    assert.equal(headers, Buffer.from(headerSectionOf(original)).toString('latin1'));
    // Every line of the report is ASCII and within the SMTP line limit.
    assert.ok(
      Buffer.from(bytes)
        .toString('latin1')
        .split('\r\n')
        .every((line) => line.length <= 998 && /^[\x20-\x7e\t]*$/.test(line)),
    );
  });

  it('needs at least one recipient', () => {
    assert.throws(() => buildDeliveryStatusNotification({ ...input, recipients: [] }), RangeError);
  });
});
