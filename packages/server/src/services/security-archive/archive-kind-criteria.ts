/**
 * The search criteria that pick one archive kind (decision 0035) from a folder, by the PEC headers
 * (pec-spec §3.2–§3.7): acceptance receipts carry `X-Ricevuta: (non-)accettazione`, delivery
 * receipts `X-Ricevuta: … consegna`, received envelopes `X-Trasporto: posta-certificata`; the
 * copies of sent messages carry neither.
 */
import { pecHeaders } from '@pec/core';
import type { ArchiveKind } from '../../ports/security-archive-store.ts';
import type { SearchCriteria } from '../mailbox-access/search-criteria.ts';

const receipt = (value: string): SearchCriteria => ({ kind: 'header', field: pecHeaders.receipt, value });
const transport: SearchCriteria = { kind: 'header', field: pecHeaders.transport, value: '' };

export function archiveKindCriteria(kind: ArchiveKind): SearchCriteria {
  switch (kind) {
    case 'acceptance':
      return receipt('accettazione');
    case 'delivery':
      return receipt('consegna');
    case 'received':
      return transport;
    case 'sent':
      return {
        kind: 'and',
        criteria: [
          { kind: 'not', criteria: receipt('') },
          { kind: 'not', criteria: transport },
        ],
      };
  }
}
