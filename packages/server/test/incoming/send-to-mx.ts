/**
 * Test-only: Python's smtplib as another MTA handing one message to our MX (port 25 role), no
 * AUTH. Answers the reply to DATA (or to RCPT TO when every recipient was refused).
 */
import { spawn } from 'node:child_process';

export interface MxReply {
  readonly code: number;
  readonly text: string;
}

const script = String.raw`
import json, smtplib, sys
o = json.load(sys.stdin)
s = smtplib.SMTP(o['host'], o['port'], timeout=60)
s.ehlo('mta.example.net')
s.mail(o['mailFrom'])
refused = None
for r in o['rcptTo']:
    code, text = s.rcpt(r)
    if code != 250 and refused is None:
        refused = (code, text)
try:
    code, text = s.data(o['raw'].encode('utf-8'))
except smtplib.SMTPDataError as e:
    code, text = e.smtp_code, e.smtp_error
except smtplib.SMTPResponseException as e:
    code, text = refused if refused else (e.smtp_code, e.smtp_error)
s.quit()
print(json.dumps({'code': code, 'text': text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}))
`;

export async function sendToMx(options: {
  readonly port: number;
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  readonly raw: string;
}): Promise<MxReply> {
  const child = spawn('python3', ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  child.stdin.end(JSON.stringify({ host: '127.0.0.1', ...options }));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`smtplib failed (${String(code)}): ${err}`);
  return JSON.parse(out) as MxReply;
}

/** An ordinary Internet message, CRLF line ends. */
export function ordinaryMessage(from: string, to: string, subject: string, body = 'Ciao.'): string {
  return [
    `From: <${from}>`,
    `To: <${to}>`,
    `Subject: ${subject}`,
    `Message-ID: <${String(Date.now())}.${String(Math.random()).slice(2)}@example.net>`,
    'Date: Mon, 07 Dec 2026 08:00:00 +0100',
    '',
    body,
    '',
  ].join('\r\n');
}
