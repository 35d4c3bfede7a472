import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStoredMessage } from '../../../services/mailboxes/describe-stored-message.ts';
import { nestedMessage, simpleMessage } from '../../../../test/imap-messages/sample-messages.ts';
import { createCommandReader, parseCommand, type SearchKey } from '../grammar/index.ts';
import {
  criteriaNeedContent,
  evaluateSearchCriteria,
  type SearchCandidate,
} from '../../../services/mailbox-access/evaluate-search-criteria.ts';
import { SearchContent } from '../../../services/mailbox-access/search-content.ts';
import { toSearchCriteria, type SearchView } from './to-search-criteria.ts';

const view: SearchView = { messageCount: 10, maxUid: 40, savedUids: [7] };
const now = new Date('2024-11-06T12:00:00Z');

/** The criteria of `SEARCH <criteria>`, through the grammar's reader and parser. */
function key(criteria: string): SearchKey {
  const line = `t SEARCH ${criteria}`;
  const reader = createCommandReader({ maxLineBytes: 10_000, maxLiteralBytes: 10_000 });
  const events = reader.push(Buffer.from(`${line}\r\n`, 'utf8'));
  const event = events.find((e) => e.kind === 'command');
  assert.ok(event?.kind === 'command', line);
  const parsed = parseCommand(event);
  assert.ok(parsed.ok && parsed.name === 'SEARCH', line);
  return parsed.criteria;
}

/** The IMAP criteria mapped to the service's tree and evaluated, with or without the content. */
function evaluate(
  criteria: string,
  candidate: SearchCandidate,
  content?: SearchContent,
): boolean | undefined {
  return evaluateSearchCriteria(toSearchCriteria(key(criteria), view), candidate, now, content);
}

async function message(
  bytes: Uint8Array,
  fields: Partial<SearchCandidate> = {},
): Promise<{ view: SearchCandidate; content: SearchContent }> {
  const description = await describeStoredMessage(bytes);
  return {
    view: {
      sequence: 3,
      uid: 7,
      modseq: 120,
      flags: ['\\Seen', '\\Flagged', '$Fattura'],
      internalDate: new Date('2024-11-05T23:30:00Z'), // 6 Nov 00:30 in Italy
      saveDate: new Date('2024-12-01T23:10:00Z'), // 2 Dec 00:10 in Italy
      size: bytes.length,
      envelope: description.envelope,
      structure: description.structure,
      ...fields,
    },
    content: new SearchContent(bytes, description.structure),
  };
}

const nested = await message(nestedMessage());

function check(criteria: string, expected: boolean, subject = nested): void {
  const withContent = evaluate(criteria, subject.view, subject.content);
  assert.equal(withContent, expected, `${criteria} with content`);
  const without = evaluate(criteria, subject.view);
  if (criteriaNeedContent(toSearchCriteria(key(criteria), view)))
    assert.ok(without === undefined || without === expected, `${criteria} without content`);
  else assert.equal(without, expected, `${criteria} without content`);
}

describe('IMAP SEARCH criteria, mapped and evaluated: flags and state', () => {
  it('tests system flags, keywords and their negations', () => {
    check('ALL', true);
    check('SEEN', true);
    check('UNSEEN', false);
    check('FLAGGED', true);
    check('UNFLAGGED', false);
    check('ANSWERED', false);
    check('UNANSWERED', true);
    check('DELETED', false);
    check('UNDELETED', true);
    check('DRAFT', false);
    check('UNDRAFT', true);
    check('KEYWORD $fattura', true);
    check('UNKEYWORD $Fattura', false);
    check('KEYWORD $Other', false);
    check('RECENT', false);
    check('OLD', true);
    check('NEW', false);
  });

  it('reports no message as recent, even an unseen one (RFC 9051 drops \\Recent)', async () => {
    const fresh = await message(nestedMessage(), { flags: [] });
    check('NEW', false, fresh);
    check('RECENT', false, fresh);
    check('OLD', true, fresh);
  });

  it('matches sequence sets, UID sets, `*` and the saved result `$`', () => {
    check('3', true);
    check('1:2,4:*', false);
    check('*', false);
    check('2:*', true);
    check('UID 7', true);
    check('UID 8:*', false);
    check('UID 1:6,8:*', false);
    check('UID $', true);
    check('$', true);
  });

  it('compares sizes and MODSEQ', () => {
    check(`LARGER ${nested.view.size - 1}`, true);
    check(`LARGER ${nested.view.size}`, false);
    check(`SMALLER ${nested.view.size + 1}`, true);
    check(`SMALLER ${nested.view.size}`, false);
    check('MODSEQ 120', true);
    check('MODSEQ 121', false);
    check('MODSEQ "/flags/\\\\draft" all 100', true);
  });
});

describe('IMAP SEARCH criteria, mapped and evaluated: dates', () => {
  it('compares the internal date as a calendar day in Italian time', () => {
    // 2024-11-05T23:30Z is 6-Nov-2024 00:30 +0100.
    check('ON 6-Nov-2024', true);
    check('ON 5-Nov-2024', false);
    check('BEFORE 6-Nov-2024', false);
    check('BEFORE 7-Nov-2024', true);
    check('SINCE 6-Nov-2024', true);
    check('SINCE 7-Nov-2024', false);
  });

  it('compares the Date: header as written, in its own zone', () => {
    // Date: Tue, 05 Nov 2024 23:30:00 -0500 is 6 Nov in UTC, but SENT* use the written day.
    check('SENTON 5-Nov-2024', true);
    check('SENTON 6-Nov-2024', false);
    check('SENTBEFORE 6-Nov-2024', true);
    check('SENTBEFORE 5-Nov-2024', false);
    check('SENTSINCE 5-Nov-2024', true);
    check('SENTSINCE 6-Nov-2024', false);
  });

  it('compares the save date as a calendar day in Italian time (RFC 8514)', () => {
    // 2024-12-01T23:10Z is 2-Dec-2024 00:10 +0100.
    check('SAVEDON 2-Dec-2024', true);
    check('SAVEDON 1-Dec-2024', false);
    check('SAVEDBEFORE 2-Dec-2024', false);
    check('SAVEDBEFORE 3-Dec-2024', true);
    check('SAVEDSINCE 2-Dec-2024', true);
    check('SAVEDSINCE 3-Dec-2024', false);
    check('ON 6-Nov-2024 SAVEDSINCE 2-Dec-2024', true);
    check('SAVEDATESUPPORTED', true);
    check('NOT SAVEDATESUPPORTED', false);
  });

  it('falls back to the internal date without a readable Date:', async () => {
    const undated = await message(simpleMessage({ subject: 'x' }));
    check('SENTON 6-Nov-2024', true, undated);
  });

  it('implements OLDER and YOUNGER against the clock (RFC 5032)', () => {
    // now - internal date = 12.5 hours = 45000 s
    check('YOUNGER 45000', true);
    check('YOUNGER 44999', false);
    check('OLDER 44999', true);
    check('OLDER 45000', false);
  });
});

describe('IMAP SEARCH criteria, mapped and evaluated: addresses, subject and header', () => {
  it('searches decoded display names and addresses', () => {
    check('FROM niccolò', true);
    check('FROM NICCOLO@PEC', true);
    check('FROM anna', false);
    check('TO "rossi, mario"', true);
    check('TO ufficio@pec.example.it', true);
    check('CC undisclosed', true);
    check('BCC x', false);
  });

  it('searches the decoded subject', () => {
    check('SUBJECT "fattura n°"', true);
    check('SUBJECT 17', true);
    check('SUBJECT originale', false);
  });

  it('searches any header field, empty value meaning presence', () => {
    check('HEADER X-Riferimento-Message-ID ref.1', true);
    check('HEADER x-riferimento-message-id ""', true);
    check('HEADER X-Absent ""', false);
    check('HEADER Subject "n° 17"', true);
    check('HEADER Subject nothing', false);
  });
});

describe('IMAP SEARCH criteria, mapped and evaluated: BODY and TEXT over decoded content', () => {
  it('finds quoted-printable UTF-8 text, case-insensitively', () => {
    check('BODY "FATTURA è ALLEGATA"', true);
    check('BODY zibibbo', true);
    check('BODY "<p>buongiorno"', true);
  });

  it('finds text inside the embedded message (postacert.eml), its headers and its XML part', () => {
    check('BODY "città di torino"', true);
    check('BODY "messaggio originale"', true);
    check('BODY opec-xyz-42', true);
  });

  it('skips binary attachments', () => {
    check('BODY segreto-nel-pdf', false);
  });

  it('TEXT also searches the top-level header; BODY does not', () => {
    check('TEXT X-Riferimento', true);
    check('BODY X-Riferimento', false);
    check('TEXT zibibbo', true);
  });

  it('collapses white space across line breaks', () => {
    check('BODY "perché no? parola chiave"', true);
  });
});

describe('IMAP SEARCH criteria, mapped and evaluated: NOT, OR and nesting', () => {
  it('combines keys with three-valued logic', () => {
    check('NOT SEEN', false);
    check('OR ANSWERED FLAGGED', true);
    check('OR ANSWERED DRAFT', false);
    check('(SEEN FLAGGED) NOT DELETED', true);
    check('SEEN NOT (FLAGGED DRAFT)', true);
    check('OR (DRAFT BODY zibibbo) NOT OR SEEN UID 7', false);
    check('NOT NOT NOT OR DELETED (KEYWORD $Fattura BODY zibibbo)', false);
    check('OR DELETED NOT BODY nothing-here', true);
  });

  it('decides without content when metadata is enough', () => {
    assert.equal(evaluate('UNSEEN BODY zibibbo', nested.view), false);
    assert.equal(evaluate('OR SEEN BODY zibibbo', nested.view), true);
    assert.equal(evaluate('SEEN BODY zibibbo', nested.view), undefined);
    assert.equal(evaluate('NOT TEXT zibibbo', nested.view), undefined);
  });
});
