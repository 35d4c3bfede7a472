/**
 * A local fake of an external billing system (decision 0041), node:http on loopback: checks the
 * Standard Webhooks signature of each payment request with its own HMAC (not ours), records the
 * requests, answers as the test says (`pending` with a payment URL, `paid`, `declined`, or `down`:
 * HTTP 503), and signs and sends callbacks to the provider as a billing system would.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'pending' | 'paid' | 'declined' | 'down';

export interface FakeRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Record<string, unknown>;
  readonly signatureValid: boolean;
}

export interface FakeBillingServer {
  readonly url: string;
  readonly requests: FakeRequest[];
  mode: FakeMode;
  /** Sends a signed callback to `url`; `tamper` breaks the signature. Returns status and body. */
  callback(
    url: string,
    body: Record<string, unknown>,
    options: {
      readonly id: string;
      readonly at: Date;
      readonly tamper?: boolean;
      readonly unsigned?: boolean;
    },
  ): Promise<{ status: number; body: Record<string, unknown>; contentType: string | null }>;
  close(): Promise<void>;
}

function sign(secret: string, id: string, seconds: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key)
    .update(`${id}.${String(seconds)}.${body}`)
    .digest('base64')}`;
}

export async function startFakeBillingServer(secret: string): Promise<FakeBillingServer> {
  const requests: FakeRequest[] = [];
  const state: { mode: FakeMode } = { mode: 'pending' };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers['webhook-id']);
      const seconds = Number(req.headers['webhook-timestamp']);
      const signatureValid = req.headers['webhook-signature'] === sign(secret, id, seconds, raw);
      const body = JSON.parse(raw) as Record<string, unknown>;
      requests.push({ headers: req.headers, body, signatureValid });
      if (state.mode === 'down' || !signatureValid) {
        res.writeHead(signatureValid ? 503 : 401).end();
        return;
      }
      const answer =
        state.mode === 'pending'
          ? { status: 'pending', paymentUrl: `https://pay.example/checkout/${String(body['orderId'])}` }
          : state.mode === 'paid'
            ? { status: 'paid', reference: `pay_${String(body['orderId'])}` }
            : { status: 'declined', reason: 'insufficient funds' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}/payments`,
    requests,
    get mode() {
      return state.mode;
    },
    set mode(mode: FakeMode) {
      state.mode = mode;
    },
    async callback(url, body, options) {
      const raw = JSON.stringify(body);
      const seconds = Math.floor(options.at.getTime() / 1000);
      const signature = sign(secret, options.id, seconds, options.tamper === true ? `${raw} ` : raw);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.unsigned === true
            ? {}
            : {
                'webhook-id': options.id,
                'webhook-timestamp': String(seconds),
                'webhook-signature': signature,
              }),
        },
        body: raw,
      });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
        contentType: response.headers.get('content-type'),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
