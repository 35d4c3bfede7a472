/**
 * SAVEDATE (RFC 8514) as a transcript over a real socket: delivery, APPEND, COPY and MOVE each give
 * the message a save date from the store's clock (COPY and MOVE a new one, keeping INTERNALDATE);
 * FETCH SAVEDATE shows it in Italian time and SEARCH SAVEDBEFORE/SAVEDON/SAVEDSINCE compare it by
 * calendar day; SAVEDATESUPPORTED matches every message, since every folder keeps save dates.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openImapConversation, type ImapConversation } from './testing/imap-conversation.ts';
import { startImapTestServer, testMessage, type ImapTestServer } from './testing/imap-test-server.ts';

describe('IMAP SAVEDATE', () => {
  let server: ImapTestServer;
  let c: ImapConversation;
  let now = new Date('2026-03-01T10:00:00.000Z');

  before(async () => {
    server = await startImapTestServer({ storageClock: { now: () => now } });
    c = await openImapConversation({ port: server.tlsPort, ca: server.ca, implicitTls: true });
    await c.expect(/^\* OK /);
    const account = server.accounts[0];
    await c.transact(`l LOGIN ${account.address} "${account.password}"`, /^l OK /);
  });
  after(async () => {
    c.close();
    await server.close();
  });

  it('is advertised', async () => {
    const [caps] = await c.transact('a CAPABILITY', /^\* CAPABILITY /, /^a OK/);
    assert.ok(caps?.split(' ').includes('SAVEDATE'), caps);
  });

  it('FETCH SAVEDATE: delivery and APPEND save now; COPY and MOVE save anew', async () => {
    await c.transact('s0 CREATE Salvati', /^s0 OK/);
    await c.transact('s1 CREATE Copie', /^s1 OK/);
    await server.deliver(server.accounts[0], 'Salvati', testMessage('consegnato'));
    now = new Date('2026-03-02T10:00:00.000Z');
    const appended = testMessage('aggiunto');
    c.write(`s2 APPEND Salvati "01-Jan-2020 10:00:00 +0100" {${appended.length}+}\r\n${appended}\r\n`);
    await c.expect(/^s2 OK \[APPENDUID \d+ 2\] /);
    await c.command('s3 SELECT Salvati');
    await c.transact(
      's4 FETCH 1:2 (SAVEDATE)',
      /^\* 1 FETCH \(SAVEDATE " 1-Mar-2026 11:00:00 \+0100"\)$/,
      /^\* 2 FETCH \(SAVEDATE " 2-Mar-2026 11:00:00 \+0100"\)$/,
      /^s4 OK/,
    );
    await c.transact(
      's5 UID FETCH 2 (INTERNALDATE SAVEDATE)',
      /^\* 2 FETCH \(UID 2 INTERNALDATE " 1-Jan-2020 10:00:00 \+0100" SAVEDATE " 2-Mar-2026 11:00:00 \+0100"\)$/,
      /^s5 OK/,
    );
    now = new Date('2026-07-05T08:00:00.000Z');
    await c.transact('s6 COPY 1:2 Copie', /^s6 OK \[COPYUID \d+ 1:2 1:2\]/);
    now = new Date('2026-07-06T08:00:00.000Z');
    await c.transact('s7 UID MOVE 2 Copie', /^\* OK \[COPYUID \d+ 2 3\]/, /^\* 2 EXPUNGE$/, /^s7 OK/);
    await c.transact(
      's8 FETCH 1 (SAVEDATE)',
      /^\* 1 FETCH \(SAVEDATE " 1-Mar-2026 11:00:00 \+0100"\)$/,
      /^s8 OK/,
    );
    await c.command('s9 SELECT Copie');
    await c.transact(
      's10 FETCH 1:3 (INTERNALDATE SAVEDATE)',
      /^\* 1 FETCH \(INTERNALDATE "[ 0-9]\d-[A-Za-z]{3}-\d{4} [0-9:]{8} \+0[12]00" SAVEDATE " 5-Jul-2026 10:00:00 \+0200"\)$/,
      /^\* 2 FETCH \(INTERNALDATE " 1-Jan-2020 10:00:00 \+0100" SAVEDATE " 5-Jul-2026 10:00:00 \+0200"\)$/,
      /^\* 3 FETCH \(INTERNALDATE " 1-Jan-2020 10:00:00 \+0100" SAVEDATE " 6-Jul-2026 10:00:00 \+0200"\)$/,
      /^s10 OK/,
    );
  });

  it('SEARCH SAVEDBEFORE, SAVEDON, SAVEDSINCE and SAVEDATESUPPORTED', async () => {
    // In Copie: 1 and 2 saved on 5-Jul-2026 (COPY), 3 on 6-Jul-2026 (MOVE); 2 and 3 arrived 1-Jan-2020.
    await c.transact('f1 SEARCH SAVEDON 5-Jul-2026', /^\* SEARCH 1 2$/, /^f1 OK/);
    await c.transact('f2 SEARCH SAVEDSINCE 6-Jul-2026', /^\* SEARCH 3$/, /^f2 OK/);
    await c.transact('f3 SEARCH SAVEDBEFORE 6-Jul-2026', /^\* SEARCH 1 2$/, /^f3 OK/);
    await c.transact('f4 UID SEARCH ON 1-Jan-2020 SAVEDSINCE 5-Jul-2026', /^\* SEARCH 2 3$/, /^f4 OK/);
    await c.transact('f5 SEARCH SAVEDATESUPPORTED', /^\* SEARCH 1 2 3$/, /^f5 OK/);
    await c.transact('f6 SEARCH NOT SAVEDATESUPPORTED', /^\* SEARCH$/, /^f6 OK/);
    await c.transact(
      'f7 SEARCH RETURN (MIN COUNT) OR SAVEDON 6-Jul-2026 SAVEDBEFORE 1-Jan-2026',
      /^\* ESEARCH \(TAG "f7"\) MIN 3 COUNT 1$/,
      /^f7 OK/,
    );
    await c.transact('f8 SEARCH SAVEDON 32-Jul-2026', /^f8 BAD /);
    await c.command('f9 SELECT Salvati');
    await c.transact('f10 SEARCH SAVEDBEFORE 2-Mar-2026', /^\* SEARCH 1$/, /^f10 OK/);
  });
});
