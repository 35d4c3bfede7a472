/**
 * Decides what a message is from its PEC header fields (pec-spec §12 pitfall 10): `X-Trasporto`
 * before `X-Ricevuta`, names and values compared case-insensitively. The daticert `tipo` is the
 * fallback when the header fields are missing (signed fragments), and any disagreement is reported.
 */
import type { HeaderBlock } from '../../mail/header-block.ts';
import { getHeader } from '../../mail/header-block.ts';
import {
  daticertTypes,
  pecHeaders,
  readerTypes,
  transportValues,
  type DaticertType,
  type MessageKind,
} from '../vocabulary.ts';

export interface Classification {
  readonly type: MessageKind;
  /** The values found, as written. */
  readonly transportHeader: string | undefined;
  readonly receiptHeader: string | undefined;
  readonly problems: readonly string[];
}

const isDaticertType = (value: string): value is DaticertType =>
  (daticertTypes as readonly string[]).includes(value);

export function classifyMessage(
  headers: HeaderBlock,
  daticertType: DaticertType | undefined,
): Classification {
  const transportHeader = getHeader(headers, pecHeaders.transport)?.trim();
  const receiptHeader = getHeader(headers, pecHeaders.receipt)?.trim();
  const problems: string[] = [];
  const transport = transportHeader?.toLowerCase();
  const receipt = receiptHeader?.toLowerCase();
  let type: MessageKind = readerTypes.ordinary;
  if (transport === transportValues.certified) {
    type = transportValues.certified;
  } else if (transport === transportValues.anomaly) {
    type = readerTypes.anomaly;
  } else if (receipt !== undefined && isDaticertType(receipt) && receipt !== transportValues.certified) {
    type = receipt;
  } else if (transport !== undefined || receipt !== undefined) {
    problems.push(`unknown PEC header value: ${transportHeader ?? receiptHeader ?? ''}`);
  } else if (daticertType !== undefined) {
    type = daticertType;
    problems.push(`no ${pecHeaders.transport} or ${pecHeaders.receipt} header; type taken from daticert`);
  }
  if (daticertType !== undefined && type !== readerTypes.anomaly && type !== daticertType) {
    problems.push(`header type '${type}' differs from daticert tipo '${daticertType}'`);
  }
  return { type, transportHeader, receiptHeader, problems };
}
