/**
 * The rspamd adapter against a local HTTP server that speaks /checkv2 as rspamd does: the envelope
 * in headers, the message as the body, the JSON verdict read back; and every failure (refused
 * connection, a 500, no score, no answer in time) is `unavailable`, never an exception.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createRspamdScanner } from './create-rspamd-scanner.ts';

const gtube = 'XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X';

describe('createRspamdScanner', () => {
  let server: Server;
  let url: string;
  const seen: { headers: IncomingMessage['headers']; body: string; path: string }[] = [];
  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        seen.push({ headers: request.headers, body, path: request.url ?? '' });
        const rcpt = String(request.headers['rcpt'] ?? '');
        if (rcpt.startsWith('error@')) return void response.writeHead(500).end('boom');
        if (rcpt.startsWith('noscore@')) return void response.writeHead(200).end('{}');
        if (rcpt.startsWith('slow@')) return; // never answers
        const spam = body.includes(gtube);
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            score: spam ? 1000 : 0.5,
            required_score: 15,
            action: spam ? 'reject' : 'no action',
            symbols: spam ? { GTUBE: { score: 0 } } : {},
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const message = (body: string) => Buffer.from(`Subject: x\r\n\r\n${body}\r\n`);

  it('sends the envelope and the bytes to /checkv2 and reads the verdict', async () => {
    const scanner = createRspamdScanner({ url, timeoutMs: 5000 });
    const verdict = await scanner.check(message(gtube), {
      mailFrom: 'a@example.net',
      rcptTo: ['b@pec.example'],
      ip: '192.0.2.1',
      helo: 'mta.example.net',
    });
    assert.deepEqual(verdict, { kind: 'scored', score: 1000, action: 'reject', symbols: ['GTUBE'] });
    const last = seen.at(-1);
    assert.ok(last);
    assert.equal(last.path, '/checkv2');
    assert.equal(last.headers['from'], 'a@example.net');
    assert.equal(last.headers['rcpt'], 'b@pec.example');
    assert.equal(last.headers['ip'], '192.0.2.1');
    assert.ok(last.body.includes(gtube));
    assert.deepEqual(await scanner.check(message('hello'), { mailFrom: '', rcptTo: ['b@pec.example'] }), {
      kind: 'scored',
      score: 0.5,
      action: 'no action',
      symbols: [],
    });
  });

  it('fails open: refused, 500, no score and a timeout are all unavailable', async () => {
    const scanner = createRspamdScanner({ url, timeoutMs: 300 });
    for (const rcpt of ['error@x.example', 'noscore@x.example', 'slow@x.example']) {
      const verdict = await scanner.check(message('x'), { mailFrom: '', rcptTo: [rcpt] });
      assert.equal(verdict.kind, 'unavailable', rcpt);
    }
    const down = createRspamdScanner({ url: 'http://127.0.0.1:9', timeoutMs: 1000 });
    const verdict = await down.check(message('x'), { mailFrom: '', rcptTo: ['b@pec.example'] });
    assert.equal(verdict.kind, 'unavailable');
  });
});
