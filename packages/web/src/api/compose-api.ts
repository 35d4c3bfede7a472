// The sending and draft routes (decision 0012), beside the read routes of client.ts.
import { json, request } from './client.ts';
import type {
  DraftFields,
  OutgoingFields,
  OutgoingLimits,
  RecipientCheck,
  SavedDraft,
  SendResult,
} from './contract.ts';

export const composeApi = {
  limits: () => json<OutgoingLimits>('GET', '/outgoing/limits'),
  checkRecipient: (address: string) =>
    json<RecipientCheck>('GET', `/recipients/check?address=${encodeURIComponent(address)}`),
  send: (fields: OutgoingFields, draftUid: number | null) =>
    json<SendResult>('POST', '/outgoing', draftUid === null ? fields : { ...fields, draftUid }),
  saveDraft: (fields: OutgoingFields, replaces: number | null) =>
    json<SavedDraft>('POST', '/drafts', replaces === null ? fields : { ...fields, replaces }),
  draft: (uid: number) => json<DraftFields>('GET', `/drafts/${String(uid)}`),
  deleteDraft: async (uid: number): Promise<void> => {
    await request('DELETE', `/drafts/${String(uid)}`);
  },
};
