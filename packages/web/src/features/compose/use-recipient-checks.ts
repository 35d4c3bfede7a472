// What the server says of each address the message goes to (in the PEC index, valid), asked once
// per address and kept for the session; the map is keyed by lower-case address.
import { useQueries } from '@tanstack/react-query';
import { composeApi } from '../../api/compose-api.ts';
import type { RecipientCheck } from '../../api/contract.ts';
import { looksLikeAddress, recipientsOf, type ComposeForm } from './compose-form.ts';

export function useRecipientChecks(form: ComposeForm | null): Map<string, RecipientCheck> {
  const recipients = form === null ? [] : recipientsOf(form).filter(looksLikeAddress);
  const checkResults = useQueries({
    queries: recipients.map((address) => ({
      queryKey: ['recipient-check', address],
      queryFn: () => composeApi.checkRecipient(address),
      staleTime: Infinity,
    })),
  });
  const checks = new Map<string, RecipientCheck>();
  for (const result of checkResults)
    if (result.data !== undefined) checks.set(result.data.address.toLowerCase(), result.data);
  return checks;
}
