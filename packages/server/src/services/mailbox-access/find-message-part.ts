/**
 * The entity a part path names, in the numbering of RFC 9051 §6.4.5: the parts of a multipart are
 * 1, 2, …; part 1 of a non-multipart message is its body; the parts of a message/rfc822 part are
 * those of the embedded message (a PEC postacert.eml). Null when no such part exists.
 */
import type { MimeStructure } from '../../ports/mailbox-store.ts';

function isEmbeddedMessage(node: MimeStructure): boolean {
  return node.type === 'message' && node.message !== null;
}

export function findMessagePart(root: MimeStructure, path: readonly number[]): MimeStructure | null {
  let node = root;
  let atMessage = true;
  for (const n of path) {
    let container: MimeStructure;
    if (atMessage) container = node;
    else if (isEmbeddedMessage(node) && node.message !== null) container = node.message.structure;
    else if (node.type === 'multipart') container = node;
    else return null;
    if (container.type === 'multipart') {
      const next = container.parts[n - 1];
      if (next === undefined) return null;
      node = next;
    } else if (n === 1) {
      node = container;
    } else {
      return null;
    }
    atMessage = false;
  }
  return node;
}
