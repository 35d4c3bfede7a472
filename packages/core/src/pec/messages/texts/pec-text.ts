/**
 * The human-readable part of a generated PEC message as data: a title and blocks of Italian text,
 * rendered once as text/plain and once as text/html so that both carry the same facts (pec-spec
 * §3.0). The facts come from the same values as daticert.xml (pec-spec §6.2: one time reference).
 */
import type { RecipientKind } from '../../vocabulary.ts';

export type TextBlock =
  /** A paragraph of running text. */
  | { readonly paragraph: string }
  /** A list, one entry per line (recipients). */
  | { readonly list: readonly string[] };

export interface PecText {
  /** e.g. `Ricevuta di accettazione`. */
  readonly title: string;
  readonly blocks: readonly TextBlock[];
}

/** How the texts call each recipient kind (the words real receipts use, pec-spec §3.2). */
const recipientKindLabels: Readonly<Record<RecipientKind, string>> = {
  certificato: 'posta certificata',
  esterno: 'posta ordinaria',
};

/** `indirizzo ("posta certificata")`. */
export function labelRecipient(address: string, kind: RecipientKind): string {
  return `${address} ("${recipientKindLabels[kind]}")`;
}

/** The closing line of every receipt and notice. */
export function identifierParagraph(identifier: string): TextBlock {
  return { paragraph: `Identificativo messaggio: ${identifier}` };
}

/** The subject as the texts quote it; a message without a subject gets an empty quote. */
export function quoted(text: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- line breaks and controls would break the layout
  return `"${(text ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ')}"`;
}
