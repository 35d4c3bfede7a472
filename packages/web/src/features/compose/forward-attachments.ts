// What a forward carries: the original's attachments, downloaded byte-exact and attached again; or,
// "forward as attachment", the whole message as it is stored (for a PEC, the signed transport
// envelope with postacert.eml and daticert.xml) as one message/rfc822 attachment, which the server
// sends verbatim (RFC 2046 §5.2.1) so its signature still verifies.
import { attachmentUrl, rawMessageUrl } from '../../api/actions.ts';
import type { Message } from '../../api/contract.ts';
import { readAsBase64, type PendingAttachment } from './compose-form.ts';

async function download(url: string, name: string, contentType: string): Promise<PendingAttachment> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: ${String(response.status)}`);
  const blob = await response.blob();
  return {
    key: `fwd-${name}-${String(Math.random())}`,
    name,
    contentType,
    size: blob.size,
    content: await readAsBase64(new File([blob], name, { type: contentType })),
  };
}

/** The original's attachments, each byte-exact. */
export function originalAttachments(message: Message): Promise<PendingAttachment[]> {
  return Promise.all(
    message.attachments.map((a) =>
      download(attachmentUrl(message.folderId, message.uid, a.id), a.name, a.contentType),
    ),
  );
}

/** A file name from the subject, for the forwarded message. */
export function emlName(subject: string): string {
  const base = subject
    // eslint-disable-next-line no-control-regex -- control characters never go into a file name
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .trim()
    .slice(0, 80);
  return `${base === '' ? 'message' : base}.eml`;
}

/** The whole stored message as one message/rfc822 attachment. */
export async function messageAsAttachment(message: Message): Promise<PendingAttachment> {
  return download(rawMessageUrl(message.folderId, message.uid), emlName(message.subject), 'message/rfc822');
}
