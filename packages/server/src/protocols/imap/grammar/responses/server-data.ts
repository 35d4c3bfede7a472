/**
 * Untagged server and account data: CAPABILITY (RFC 9051 §7.2.2), ENABLED (RFC 5161 §3.2), ID
 * (RFC 2971 §3.2), NAMESPACE (RFC 2342 §5, RFC 9051 §7.3.7), QUOTA and QUOTAROOT (RFC 9208 §5).
 */

import { encodeMailboxName } from '../mailbox-name.ts';
import type { WireWriter } from './wire-writer.ts';

export interface Namespace {
  readonly prefix: string;
  /** Hierarchy delimiter, or null (NIL). */
  readonly delimiter: string | null;
}

export interface QuotaResource {
  /** e.g. `STORAGE` (in KiB units, RFC 9208 §5.1), `MESSAGE`. */
  readonly name: string;
  readonly usage: number;
  readonly limit: number;
}

export type ServerDataResponse =
  | { readonly kind: 'capability'; readonly capabilities: readonly string[] }
  | { readonly kind: 'enabled'; readonly capabilities: readonly string[] }
  | {
      readonly kind: 'id';
      readonly fields: readonly { readonly key: string; readonly value: string | null }[] | null;
    }
  | {
      readonly kind: 'namespace';
      /** Each group null (NIL) or a non-empty list. */
      readonly personal: readonly Namespace[] | null;
      readonly otherUsers: readonly Namespace[] | null;
      readonly shared: readonly Namespace[] | null;
    }
  | { readonly kind: 'quota'; readonly root: string; readonly resources: readonly QuotaResource[] }
  | { readonly kind: 'quotaroot'; readonly mailbox: string; readonly roots: readonly string[] };

function writeNamespaces(out: WireWriter, group: readonly Namespace[] | null, utf8: boolean): void {
  if (group === null || group.length === 0) {
    out.text('NIL');
    return;
  }
  out.text('(');
  for (const ns of group) {
    out.text('(').string(encodeMailboxName(ns.prefix, { utf8 })).text(' ');
    if (ns.delimiter === null) out.text('NIL');
    else out.string(ns.delimiter);
    out.text(')');
  }
  out.text(')');
}

export function writeServerData(out: WireWriter, response: ServerDataResponse, utf8: boolean): void {
  switch (response.kind) {
    case 'capability':
      out.text(`* CAPABILITY ${response.capabilities.join(' ')}\r\n`);
      return;
    case 'enabled':
      out.text(`* ENABLED${response.capabilities.map((c) => ` ${c}`).join('')}\r\n`);
      return;
    case 'id':
      out.text('* ID ');
      if (response.fields === null || response.fields.length === 0) out.text('NIL');
      else {
        out.text('(');
        response.fields.forEach((field, i) => {
          if (i > 0) out.text(' ');
          out.string(field.key).text(' ').nstring(field.value);
        });
        out.text(')');
      }
      out.text('\r\n');
      return;
    case 'namespace':
      out.text('* NAMESPACE ');
      writeNamespaces(out, response.personal, utf8);
      out.text(' ');
      writeNamespaces(out, response.otherUsers, utf8);
      out.text(' ');
      writeNamespaces(out, response.shared, utf8);
      out.text('\r\n');
      return;
    case 'quota':
      out.text('* QUOTA ').astring(response.root);
      out.text(` (${response.resources.map((r) => `${r.name} ${r.usage} ${r.limit}`).join(' ')})\r\n`);
      return;
    case 'quotaroot':
      out.text('* QUOTAROOT ').astring(encodeMailboxName(response.mailbox, { utf8 }));
      for (const root of response.roots) out.text(' ').astring(root);
      out.text('\r\n');
      return;
  }
}
