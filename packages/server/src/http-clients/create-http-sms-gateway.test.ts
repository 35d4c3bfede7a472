/**
 * The HTTP SMS gateway against a local fake gateway that records requests: the configured method,
 * URL placeholders, authorisation header and body template (JSON and form), the text escaped for
 * each; a refusal (non-2xx) and an unreachable gateway are reported as not sent.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createHttpSmsGateway } from './create-http-sms-gateway.ts';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('HTTP SMS gateway', () => {
  const recorded: Recorded[] = [];
  let server: Server;
  let base = '';
  let answer = 202;

  before(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        recorded.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        response.writeHead(answer).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const text = 'Nuova PEC da "Comune" & co.\nOggetto: è urgente';

  it('sends a JSON body with the auth header, the text escaped', async () => {
    const gateway = createHttpSmsGateway({
      url: `${base}/v1/sms`,
      method: 'POST',
      authHeader: { name: 'Authorization', value: 'Bearer s3cret' },
      contentType: 'application/json',
      bodyTemplate: '{"recipient":"{{to}}","message":"{{text}}","sender":"PEC"}',
      timeoutMs: 5000,
    });
    assert.deepEqual(await gateway.send({ to: '+393331234567', text }), { sent: true, status: 202 });
    const last = recorded.at(-1);
    assert.ok(last !== undefined);
    assert.equal(last.method, 'POST');
    assert.equal(last.url, '/v1/sms');
    assert.equal(last.headers.authorization, 'Bearer s3cret');
    assert.equal(last.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(last.body), { recipient: '+393331234567', message: text, sender: 'PEC' });
  });

  it('sends a form body, and fills the URL percent-encoded', async () => {
    const gateway = createHttpSmsGateway({
      url: `${base}/send/{{to}}`,
      method: 'PUT',
      authHeader: { name: 'X-Api-Key', value: 'k1' },
      contentType: 'application/x-www-form-urlencoded',
      bodyTemplate: 'to={{to}}&body={{text}}',
      timeoutMs: 5000,
    });
    assert.equal((await gateway.send({ to: '+393331234567', text })).sent, true);
    const last = recorded.at(-1);
    assert.ok(last !== undefined);
    assert.equal(last.method, 'PUT');
    assert.equal(last.url, '/send/%2B393331234567');
    assert.equal(last.headers['x-api-key'], 'k1');
    const form = new URLSearchParams(last.body);
    assert.equal(form.get('to'), '+393331234567');
    assert.equal(form.get('body'), text);
  });

  it('reports a refusal and an unreachable gateway as not sent', async () => {
    answer = 401;
    const settings = {
      url: `${base}/v1/sms`,
      method: 'POST',
      contentType: 'application/json',
      bodyTemplate: '{"to":"{{to}}"}',
      timeoutMs: 5000,
    } as const;
    const refused = await createHttpSmsGateway(settings).send({ to: '+39333', text: 'x' });
    assert.deepEqual(refused, { sent: false, status: 401, problem: 'the gateway answered 401' });
    answer = 202;
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await createHttpSmsGateway({
      ...settings,
      url: `http://127.0.0.1:${String(port)}/`,
    }).send({
      to: '+39333',
      text: 'x',
    });
    assert.equal(unreachable.sent, false);
    assert.equal('status' in unreachable ? unreachable.status : undefined, undefined);
  });
});
