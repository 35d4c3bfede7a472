/**
 * Depth-first search of a parsed MIME tree: the root first, then each child's subtree in order,
 * embedded messages included. Used to locate PEC parts such as daticert.xml (pec-spec §3.0).
 */
import type { MimeNode } from './parse-mime-tree.ts';

export function findParts(root: MimeNode, predicate: (node: MimeNode) => boolean): MimeNode[] {
  const found: MimeNode[] = [];
  const stack: MimeNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (predicate(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return found;
}
