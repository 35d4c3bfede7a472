/**
 * Finds the parts that make a message PEC (pec-spec §3.0): the signed body (first part of a
 * multipart/signed, or the root when unsigned), its `daticert.xml` and its `postacert.eml` — only at
 * the top level of the signed body, never inside the carried original (nested PEC, pec-spec §3.9).
 * Either order of daticert and postacert is accepted; a missing one is reported, not thrown.
 */
import type { MimeNode } from '../../mail/parse-mime-tree.ts';
import { pecFileNames } from '../vocabulary.ts';

export interface PecParts {
  /** The entity that was (or would be) signed: multipart/mixed in every real PEC message. */
  readonly body: MimeNode;
  /** The signature part of a multipart/signed root, when there is one. */
  readonly signature: MimeNode | undefined;
  readonly daticert: MimeNode | undefined;
  readonly original: MimeNode | undefined;
  readonly problems: readonly string[];
}

const isMessagePart = (node: MimeNode): boolean =>
  node.contentType.value === 'message/rfc822' || node.contentType.value === 'message/global';

const hasName = (node: MimeNode, name: string): boolean => node.filename?.trim().toLowerCase() === name;

/** Top-level parts of the body, descending into nested multiparts but not into embedded messages. */
function topLevelLeaves(node: MimeNode, depth = 0): MimeNode[] {
  if (depth > 3) return [];
  if (node.contentType.type !== 'multipart') return [node];
  return node.children.flatMap((child) => topLevelLeaves(child, depth + 1));
}

export function locatePecParts(root: MimeNode): PecParts {
  const problems: string[] = [];
  let body = root;
  let signature: MimeNode | undefined;
  if (root.contentType.value === 'multipart/signed') {
    const [first, second] = root.children;
    if (first === undefined) problems.push('multipart/signed without a signed part');
    else body = first;
    signature = second;
  }
  const leaves = topLevelLeaves(body);
  const daticerts = leaves.filter((leaf) => hasName(leaf, pecFileNames.daticert));
  const namedOriginals = leaves.filter((leaf) => hasName(leaf, pecFileNames.original));
  const originals = namedOriginals.length > 0 ? namedOriginals : leaves.filter(isMessagePart);
  if (daticerts.length > 1)
    problems.push(`${daticerts.length} ${pecFileNames.daticert} parts; the first is used`);
  if (originals.length > 1) problems.push(`${originals.length} original messages; the first is used`);
  return { body, signature, daticert: daticerts[0], original: originals[0], problems };
}
