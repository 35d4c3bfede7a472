/**
 * THREAD=REFERENCES (RFC 5256 §4, after JWZ): messages linked by Message-ID, References and
 * In-Reply-To into trees, dummy parents pruned, top-level threads with the same base subject
 * merged, siblings ordered by sent date then by sequence. Pure: the caller supplies header values;
 * message-id comparisons are exact (case-sensitive) as the RFC asks.
 */
import { baseSubject, subjectCollationKey } from './base-subject.ts';

/** What threading needs of one message. */
export interface ThreadInput {
  /** The number to report (sequence number or UID). */
  readonly id: number;
  /** Tie-break order when sent dates are equal (the sequence number). */
  readonly order: number;
  /** RFC 5256 sent date in milliseconds (Date: header, else internal date). */
  readonly sentDate: number;
  readonly subject: string | null;
  readonly messageId: string | null;
  readonly references: string | null;
  readonly inReplyTo: string | null;
}

/** A thread tree; `id` null is a dummy parent that stands for a message not in the set. */
export interface MessageThread {
  readonly id: number | null;
  readonly children: readonly MessageThread[];
}

interface Container {
  message: ThreadInput | null;
  parent: Container | null;
  children: Container[];
}

/** The msg-ids of a header value, in order (`<...>` tokens, inner white space removed). */
export function parseMessageIds(value: string | null): string[] {
  if (value === null) return [];
  return [...value.matchAll(/<([^<>]+)>/g)]
    .map((match) => (match[1] ?? '').replace(/\s+/g, ''))
    .filter((id) => id !== '');
}

function isAncestor(candidate: Container, of: Container): boolean {
  for (let node: Container | null = of; node !== null; node = node.parent)
    if (node === candidate) return true;
  return false;
}

function unlink(child: Container): void {
  const parent = child.parent;
  if (parent === null) return;
  parent.children.splice(parent.children.indexOf(child), 1);
  child.parent = null;
}

function link(parent: Container, child: Container): void {
  unlink(child);
  child.parent = parent;
  parent.children.push(child);
}

/** Step 1: containers linked by Message-ID, References and In-Reply-To. */
function buildContainers(messages: readonly ThreadInput[]): Container[] {
  const byId = new Map<string, Container>();
  const all: Container[] = [];
  const containerFor = (id: string): Container => {
    let found = byId.get(id);
    if (found === undefined) {
      found = { message: null, parent: null, children: [] };
      byId.set(id, found);
      all.push(found);
    }
    return found;
  };
  for (const message of messages) {
    // A: the message's own container; a missing or duplicate Message-ID gets a fresh one.
    const ownId = parseMessageIds(message.messageId)[0];
    let own = ownId === undefined ? undefined : containerFor(ownId);
    if (own?.message !== null && own !== undefined) own = undefined;
    if (own === undefined) {
      own = { message: null, parent: null, children: [] };
      all.push(own);
    }
    own.message = message;
    let references = parseMessageIds(message.references);
    if (references.length === 0) references = parseMessageIds(message.inReplyTo).slice(0, 1);
    // B: link the References chain without changing existing links or creating loops.
    let previous: Container | null = null;
    for (const reference of references) {
      const container = containerFor(reference);
      if (previous !== null && container.parent === null && !isAncestor(container, previous)) {
        link(previous, container);
      }
      previous = container;
    }
    // C: the last reference is the parent. Any parent given earlier is dropped first, also when the
    // new link would close a loop and is not made (RFC 5256 §4 step 1C, as Dovecot does).
    unlink(own);
    if (previous !== null && previous !== own && !isAncestor(own, previous)) link(previous, own);
  }
  return all;
}

/** Step 4: drops empty dummies and promotes the children of the others. */
function prune(siblings: Container[], atRoot: boolean): Container[] {
  const out: Container[] = [];
  for (const container of siblings) {
    container.children = prune(container.children, false);
    for (const child of container.children) child.parent = container;
    if (container.message !== null) out.push(container);
    else if (container.children.length === 0) continue;
    else if (atRoot && container.children.length > 1) out.push(container);
    else out.push(...container.children);
  }
  return out;
}

function threadSubject(container: Container): { key: string; isReplyOrForward: boolean } {
  const message = container.message ?? container.children[0]?.message ?? null;
  const base = baseSubject(message?.subject ?? null);
  return { key: subjectCollationKey(base.text), isReplyOrForward: base.isReplyOrForward };
}

function sortKey(container: Container): ThreadInput | null {
  return container.message ?? (container.children[0] === undefined ? null : sortKey(container.children[0]));
}

function compareContainers(a: Container, b: Container): number {
  const x = sortKey(a);
  const y = sortKey(b);
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
  return x.sentDate - y.sentDate || x.order - y.order;
}

/** Step 5: merges top-level threads that share a base subject. */
function mergeBySubject(roots: Container[]): Container[] {
  const table = new Map<string, Container>();
  for (const root of roots) {
    const { key } = threadSubject(root);
    if (key === '') continue;
    const current = table.get(key);
    if (
      current === undefined ||
      (current.message !== null &&
        (root.message === null ||
          (threadSubject(current).isReplyOrForward && !threadSubject(root).isReplyOrForward)))
    ) {
      table.set(key, root);
    }
  }
  const out: Container[] = [];
  for (const root of roots) {
    const { key, isReplyOrForward } = threadSubject(root);
    const target = key === '' ? undefined : table.get(key);
    if (target === undefined || target === root) {
      out.push(root);
      continue;
    }
    if (target.message === null && root.message === null) {
      for (const child of [...root.children]) link(target, child);
    } else if (target.message === null) {
      link(target, root);
    } else if (isReplyOrForward && !threadSubject(target).isReplyOrForward) {
      link(target, root);
    } else {
      const dummy: Container = { message: null, parent: null, children: [] };
      const index = out.indexOf(target);
      link(dummy, target);
      link(dummy, root);
      if (index >= 0) out[index] = dummy;
      else out.push(dummy);
      table.set(key, dummy);
    }
  }
  // The table's winners may have been placed after their merged siblings; keep each root once.
  return out.filter((root, index) => root.parent === null && out.indexOf(root) === index);
}

/** Step 6: siblings by sent date, deepest levels first so a dummy sorts by its earliest child. */
function sortTree(siblings: Container[]): void {
  for (const container of siblings) sortTree(container.children);
  siblings.sort(compareContainers);
}

function toThread(container: Container): MessageThread {
  return { id: container.message?.id ?? null, children: container.children.map(toThread) };
}

export function threadByReferences(messages: readonly ThreadInput[]): MessageThread[] {
  const all = buildContainers(messages);
  let roots = prune(
    all.filter((container) => container.parent === null),
    true,
  );
  for (const root of roots) root.parent = null;
  sortTree(roots);
  roots = mergeBySubject(roots);
  sortTree(roots);
  return roots.map(toThread);
}
