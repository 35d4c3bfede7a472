/**
 * Test-only: Python's smtplib as an outside SMTP client sending exact bytes. `submission` is a mail
 * client (STARTTLS verified against the provider's CA, then AUTH); `plain` is any Internet MTA or a
 * forger talking to an MX without TLS. Every RCPT and DATA reply is reported, one JSON line per
 * transaction, so a test can act right after a given reply (kill -9 after the last `250`).
 */
import { spawn } from 'node:child_process';

export interface RawTransaction {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The message as it goes on the wire before dot-stuffing, CRLF line ends. */
  readonly raw: Uint8Array;
}

export interface SmtpReply {
  readonly code: number;
  readonly text: string;
}

export interface TransactionReplies {
  readonly index: number;
  readonly rcpt: readonly SmtpReply[];
  /** The reply to the final dot; undefined when no recipient was accepted (no DATA sent). */
  readonly data: SmtpReply | undefined;
}

export type RawSmtpOptions =
  | {
      readonly mode: 'submission';
      readonly host: string;
      readonly port: number;
      readonly caFile: string;
      readonly user: string;
      readonly password: string;
    }
  | { readonly mode: 'plain'; readonly host: string; readonly port: number };

const script = String.raw`
import base64, json, smtplib, ssl, sys
o = json.load(sys.stdin)
s = smtplib.SMTP(o['host'], o['port'], timeout=120)
s.ehlo('client.test.localhost')
if o['mode'] == 'submission':
    s.starttls(context=ssl.create_default_context(cafile=o['caFile']))
    s.ehlo('client.test.localhost')
    s.login(o['user'], o['password'])
for i, t in enumerate(o['transactions']):
    code, text = s.mail(t['mailFrom'])
    if code != 250:
        raise SystemExit('MAIL FROM %s: %d %s' % (t['mailFrom'], code, text))
    rcpt = []
    for r in t['rcptTo']:
        code, text = s.rcpt(r)
        rcpt.append({'code': code, 'text': text.decode()})
    data = None
    if any(r['code'] in (250, 251) for r in rcpt):
        code, text = s.data(base64.b64decode(t['raw']))
        data = {'code': code, 'text': text.decode()}
    else:
        s.rset()
    print(json.dumps({'index': i, 'rcpt': rcpt, 'data': data}), flush=True)
s.quit()
`;

export function sendRawSmtp(
  options: RawSmtpOptions,
  transactions: readonly RawTransaction[],
  onReplies?: (replies: TransactionReplies) => void,
): Promise<TransactionReplies[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const replies: TransactionReplies[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let at: number;
      while ((at = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        const parsed = JSON.parse(line) as { index: number; rcpt: SmtpReply[]; data: SmtpReply | null };
        const reply: TransactionReplies = {
          index: parsed.index,
          rcpt: parsed.rcpt,
          data: parsed.data ?? undefined,
        };
        replies.push(reply);
        onReplies?.(reply);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 || replies.length === transactions.length) resolve(replies);
      else reject(new Error(`smtplib client exited ${code}:\n${stderr}`));
    });
    child.stdin.end(
      JSON.stringify({
        ...options,
        transactions: transactions.map((t) => ({
          mailFrom: t.mailFrom,
          rcptTo: t.rcptTo,
          raw: Buffer.from(t.raw).toString('base64'),
        })),
      }),
    );
  });
}

/** The identificativo in the access point's `250` ("Accepted as PEC message <id>; …"). */
export function acceptedIdentifier(reply: TransactionReplies): string {
  const match = /Accepted as PEC message (\S+?);/.exec(reply.data?.text ?? '');
  if (match?.[1] === undefined) throw new Error(`not accepted: ${JSON.stringify(reply)}`);
  return match[1];
}
