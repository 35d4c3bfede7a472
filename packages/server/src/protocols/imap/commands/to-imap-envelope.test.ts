import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStoredMessage } from '../../../services/mailboxes/describe-stored-message.ts';
import {
  nestedMessage,
  rfc3501Message,
  simpleMessage,
} from '../../../../test/imap-messages/sample-messages.ts';
import { renderResponse } from '../grammar/index.ts';
import { toImapEnvelope } from './to-imap-envelope.ts';

async function envelopeText(bytes: Uint8Array): Promise<string> {
  const { envelope } = await describeStoredMessage(bytes);
  const wire = renderResponse({
    kind: 'fetch',
    sequence: 1,
    items: [{ kind: 'ENVELOPE', envelope: toImapEnvelope(envelope) }],
  });
  return Buffer.from(wire)
    .toString('latin1')
    .replace(/^\* 1 FETCH \(ENVELOPE (.*)\)\r\n$/s, '$1');
}

describe('toImapEnvelope', () => {
  it('reproduces the RFC 3501 §7.4.2 example from stored metadata', async () => {
    assert.equal(
      await envelopeText(rfc3501Message()),
      '("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" ' +
        '(("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) ' +
        '(("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) ' +
        '((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL ' +
        '"<B27397-0100000@cac.washington.edu>")',
    );
  });

  it('keeps encoded words, quoted names and rebuilds empty groups', async () => {
    assert.equal(
      await envelopeText(nestedMessage()),
      '("Tue, 05 Nov 2024 23:30:00 -0500" "=?UTF-8?Q?Fattura_n=C2=B0_17?=" ' +
        '(("=?UTF-8?Q?Niccol=C3=B2_Bianchi?=" NIL "niccolo" "pec.example.org")) ' +
        '(("=?UTF-8?Q?Niccol=C3=B2_Bianchi?=" NIL "niccolo" "pec.example.org")) ' +
        '(("=?UTF-8?Q?Niccol=C3=B2_Bianchi?=" NIL "niccolo" "pec.example.org")) ' +
        '(("Ufficio" NIL "ufficio" "pec.example.it")("Rossi, Mario" NIL "mario" "pec.example.it")) ' +
        '((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) NIL NIL "<nested.1@pec.example.org>")',
    );
  });

  it('uses Sender and Reply-To when present, NIL for absent fields', async () => {
    const bytes = Buffer.from(
      'From: a@x.example\r\nSender: Segreteria <s@x.example>\r\nReply-To: r@x.example\r\n' +
        'To: Team: one@x.example, "two words"@x.example;\r\nIn-Reply-To: <p@x>\r\n\r\nbody\r\n',
    );
    assert.equal(
      await envelopeText(bytes),
      '(NIL NIL ((NIL NIL "a" "x.example")) (("Segreteria" NIL "s" "x.example")) ((NIL NIL "r" "x.example")) ' +
        '((NIL NIL "Team" NIL)(NIL NIL "one" "x.example")(NIL NIL "two words" "x.example")(NIL NIL NIL NIL)) ' +
        'NIL NIL "<p@x>" NIL)',
    );
  });

  it('gives an address without a domain the MISSING_DOMAIN host, as Dovecot does', async () => {
    const text = await envelopeText(simpleMessage({ from: 'postmaster', subject: 's' }));
    assert.match(text, /\(\(NIL NIL "postmaster" "MISSING_DOMAIN"\)\)/);
  });
});
