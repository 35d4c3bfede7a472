// The address book routes (decision 0037): list, save, delete, suggestions, vCard import.
import { useQuery } from '@tanstack/react-query';
import { json, request } from '../../api/client.ts';

export interface ContactAddress {
  address: string;
  inIndex: boolean;
}

export interface Contact {
  id: string;
  name: string;
  pec: ContactAddress[];
  emails: ContactAddress[];
  phones: string[];
  notes: string;
  groups: string[];
  updatedAt: string;
}

export interface ContactFields {
  name: string;
  pec: string[];
  emails: string[];
  phones: string[];
  notes: string;
  groups: string[];
}

export interface Suggestion {
  contactId: string;
  name: string;
  address: string;
  pec: boolean;
  inIndex: boolean;
}

export interface ImportReport {
  imported: number;
  rejected: { card: number; name: string | null; reason: string }[];
}

export const contactsKey = ['contacts'] as const;

export const contactsApi = {
  list: (group: string | null) =>
    json<{ contacts: Contact[]; groups: string[] }>(
      'GET',
      group === null ? '/contacts' : `/contacts?group=${encodeURIComponent(group)}`,
    ),
  create: (fields: ContactFields) => json<Contact>('POST', '/contacts', fields),
  update: (id: string, fields: ContactFields) => json<Contact>('PATCH', `/contacts/${id}`, fields),
  remove: async (id: string): Promise<void> => {
    await request('DELETE', `/contacts/${id}`);
  },
  suggest: (q: string) =>
    json<{ suggestions: Suggestion[] }>('GET', `/contacts/suggestions?q=${encodeURIComponent(q)}`),
  importCards: (vcard: string) => json<ImportReport>('POST', '/contacts/import', { vcard }),
  exportUrl: '/api/v1/contacts/export',
};

export function useContacts(group: string | null) {
  return useQuery({ queryKey: [...contactsKey, group], queryFn: () => contactsApi.list(group) });
}

/** Suggestions for what is typed in a recipient field, from two characters on. */
export function useContactSuggestions(text: string) {
  const q = text.trim();
  return useQuery({
    queryKey: [...contactsKey, 'suggest', q],
    queryFn: () => contactsApi.suggest(q),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
}
