/**
 * The file name a part asks to be saved under: Content-Disposition `filename` (RFC 2183), else the
 * older Content-Type `name`; RFC 2231 already undone by the parser, RFC 2047 words decoded here as
 * mail clients write them. Null when the part names no file.
 */
import { decodeEncodedWords } from '@pec/core';
import type { MimeStructure } from '../../ports/mailbox-store.ts';

export function partFileName(node: Pick<MimeStructure, 'disposition' | 'params'>): string | null {
  const name = node.disposition?.params['filename'] ?? node.params['name'];
  if (name === undefined || name.trim() === '') return null;
  return decodeEncodedWords(name);
}
