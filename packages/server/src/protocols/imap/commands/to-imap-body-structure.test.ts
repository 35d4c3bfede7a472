/**
 * BODY / BODYSTRUCTURE from stored metadata against the RFC 3501 §7.4.2 example and against the
 * answers Dovecot 2.3.19 gave for the same bytes (captured once; the live comparison is
 * test/imap-messages/dovecot-differential.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStoredMessage } from '../../../services/mailboxes/describe-stored-message.ts';
import {
  crlf,
  nestedMessage,
  rfc3501Message,
  signedPecEnvelope,
} from '../../../../test/imap-messages/sample-messages.ts';
import { renderResponse } from '../grammar/index.ts';
import { toImapBodyStructure } from './to-imap-body-structure.ts';

async function render(bytes: Uint8Array, kind: 'BODY' | 'BODYSTRUCTURE'): Promise<string> {
  const { structure } = await describeStoredMessage(bytes);
  const wire = renderResponse({
    kind: 'fetch',
    sequence: 1,
    items: [{ kind, structure: toImapBodyStructure(structure) }],
  });
  return Buffer.from(wire)
    .toString('latin1')
    .replace(/^\* 1 FETCH \((?:BODY|BODYSTRUCTURE) (.*)\)\r\n$/s, '$1');
}

describe('toImapBodyStructure', () => {
  it('gives the RFC 3501 §7.4.2 BODY (types compare case-insensitively)', async () => {
    assert.equal(
      (await render(rfc3501Message(), 'BODY')).toUpperCase(),
      '("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)',
    );
  });

  it('defaults a text part without parameters to charset us-ascii and 7bit', async () => {
    const bytes = crlf(['Subject: x', '', 'one', 'two', '']);
    assert.equal(
      await render(bytes, 'BODYSTRUCTURE'),
      '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 2 NIL NIL NIL NIL)',
    );
  });

  it('matches Dovecot for a multipart with an attached message (postacert.eml)', async () => {
    assert.equal(
      await render(nestedMessage(), 'BODYSTRUCTURE'),
      '((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 81 2 NIL NIL NIL NIL)' +
        '("text" "html" ("charset" "utf-8") NIL NIL "7bit" 19 1 NIL NIL NIL NIL) "alternative" ("boundary" "alt") NIL NIL NIL)' +
        '("application" "pdf" ("name" "fattura.pdf") NIL NIL "base64" 36 NIL ("attachment" ("filename" "fattura.pdf")) NIL NIL)' +
        '("message" "rfc822" ("name" "postacert.eml") NIL NIL "7bit" 583 ("Mon, 04 Nov 2024 10:00:00 +0100" ' +
        '"Messaggio originale" (("Anna Verdi" NIL "anna" "example.com")) (("Anna Verdi" NIL "anna" "example.com")) ' +
        '(("Anna Verdi" NIL "anna" "example.com")) ((NIL NIL "ufficio" "pec.example.it")) NIL NIL NIL "<orig.1@example.com>") ' +
        '(("text" "plain" ("charset" "iso-8859-1") NIL NIL "quoted-printable" 38 1 NIL NIL NIL NIL)' +
        '("application" "xml" ("name" "daticert.xml") NIL NIL "base64" 92 NIL NIL NIL NIL) "mixed" ("boundary" "inner") NIL NIL NIL) ' +
        '20 NIL ("inline" ("filename" "postacert.eml")) NIL NIL) "mixed" ("boundary" "outer") NIL NIL NIL)',
    );
  });

  it('matches Dovecot for a signed PEC envelope: signed → mixed → alternative, daticert, postacert.eml', async () => {
    const { bytes } = await signedPecEnvelope();
    const text = await render(bytes, 'BODYSTRUCTURE');
    const expected =
      '(((("text" "plain" ("charset" "iso-8859-1") NIL NIL "quoted-printable" 379 11 NIL ("inline" NIL) NIL NIL)' +
      '("text" "html" ("charset" "iso-8859-1") NIL NIL "quoted-printable" 672 20 NIL ("inline" NIL) NIL NIL) ' +
      '"alternative" ("boundary" "----------=_1.1_542674d44ad2ffc4c028") NIL NIL NIL)' +
      '("application" "xml" ("name" "daticert.xml") NIL NIL "base64" 1074 NIL ("inline" ("filename" "daticert.xml")) NIL NIL)' +
      '("message" "rfc822" ("name" "postacert.eml") NIL NIL "7bit" 837 ("Thu, 13 Nov 2025 16:39:20 +0100" ' +
      '"=?UTF-8?Q?Contratto_2025/17_=E2=80=93_perch=C3=A9_no?=" (("Mario Rossi" NIL "mario.rossi" "pec.example.it")) ' +
      '(("Mario Rossi" NIL "mario.rossi" "pec.example.it")) (("Mario Rossi" NIL "mario.rossi" "pec.example.it")) ' +
      '(("Ufficio Protocollo" NIL "ufficio" "pec.example.org")) NIL NIL NIL "<opec1.20251113163926.1838.310.1.63@pec.example.it>") ' +
      '(("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 62 1 NIL NIL NIL NIL)' +
      '("application" "pdf" ("name" "contratto.pdf") NIL NIL "base64" 104 NIL ("attachment" ("filename" "contratto.pdf")) NIL NIL) ' +
      '"mixed" ("boundary" "orig-b1") NIL NIL NIL) 22 NIL ("inline" ("filename" "postacert.eml")) NIL NIL) ' +
      '"mixed" ("boundary" "----------=_1_542674d44ad2ffc4c028") NIL NIL NIL)' +
      '("application" "pkcs7-signature" ("name" "smime.p7s") NIL NIL "base64" SIZE NIL ("attachment" ("filename" "smime.p7s")) NIL NIL) ' +
      '"signed" ("protocol" "application/pkcs7-signature" "micalg" "sha-256" "boundary" "----------=_0_542674d44ad2ffc4c028") NIL NIL NIL)';
    // The signature's size depends on the generated certificates.
    assert.equal(
      text.replace(
        /"base64" \d+ NIL \("attachment" \("filename" "smime\.p7s"\)\)/,
        '"base64" SIZE NIL ("attachment" ("filename" "smime.p7s"))',
      ),
      expected,
    );
  });

  it('omits extension data in BODY', async () => {
    const body = await render(nestedMessage(), 'BODY');
    assert.ok(
      body.startsWith('((("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 81 2)'),
      body,
    );
    assert.ok(body.endsWith(' 20) "mixed")'), body);
  });
});
