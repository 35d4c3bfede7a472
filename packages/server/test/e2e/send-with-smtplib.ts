/**
 * Test-only: Python's smtplib as the mail client. One connection, STARTTLS verified against the
 * provider's CA, AUTH, then each message in turn; every DATA reply is reported as soon as it
 * arrives (one JSON line per message), so a test can act right after a given `250`.
 */
import { spawn } from 'node:child_process';

export interface OutgoingMessage {
  readonly from: string;
  readonly to: readonly string[];
  readonly cc?: readonly string[];
  readonly subject: string;
  readonly body: string;
  readonly attachment?: { readonly path: string; readonly filename: string; readonly mime: string };
}

export interface SmtplibOptions {
  readonly host: string;
  readonly port: number;
  readonly caFile: string;
  readonly user: string;
  readonly password: string;
  readonly messages: readonly OutgoingMessage[];
}

export interface DataReply {
  readonly index: number;
  readonly code: number;
  readonly text: string;
}

const script = String.raw`
import json, smtplib, ssl, sys
from email.message import EmailMessage
from email.utils import make_msgid
o = json.load(sys.stdin)
ctx = ssl.create_default_context(cafile=o['caFile'])
s = smtplib.SMTP(o['host'], o['port'], timeout=60)
s.ehlo()
s.starttls(context=ctx)
s.ehlo()
s.login(o['user'], o['password'])
for i, m in enumerate(o['messages']):
    msg = EmailMessage()
    msg['From'] = m['from']
    msg['To'] = ', '.join(m['to'])
    if m.get('cc'):
        msg['Cc'] = ', '.join(m['cc'])
    msg['Subject'] = m['subject']
    msg['Message-ID'] = make_msgid(domain='client.example')
    msg.set_content(m['body'])
    a = m.get('attachment')
    if a:
        main, sub = a['mime'].split('/')
        with open(a['path'], 'rb') as f:
            msg.add_attachment(f.read(), maintype=main, subtype=sub, filename=a['filename'])
    s.mail(m['from'])
    for r in m['to'] + m.get('cc', []):
        code, text = s.rcpt(r)
        if code != 250:
            raise SystemExit('RCPT %s: %d %s' % (r, code, text))
    code, text = s.data(msg.as_bytes())
    print(json.dumps({'index': i, 'code': code, 'text': text.decode()}), flush=True)
s.quit()
`;

export function sendWithSmtplib(
  options: SmtplibOptions,
  onReply?: (reply: DataReply) => void,
): Promise<DataReply[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const replies: DataReply[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let at: number;
      while ((at = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, at);
        buffered = buffered.slice(at + 1);
        const reply = JSON.parse(line) as DataReply;
        replies.push(reply);
        onReply?.(reply);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 || replies.length === options.messages.length) resolve(replies);
      else reject(new Error(`smtplib client exited ${code}:\n${stderr}`));
    });
    child.stdin.end(JSON.stringify(options));
  });
}
