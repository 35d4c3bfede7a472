// The security archive's settings and deletion over the HTTP API (decision 0035).
import { useQuery } from '@tanstack/react-query';
import { json } from '../../api/client.ts';
import type { ArchiveKind, SecurityArchive } from '../../api/contract.ts';

export const archiveKey = ['security-archive'] as const;

export const useSecurityArchive = (enabled = true) =>
  useQuery({
    queryKey: archiveKey,
    queryFn: () => json<SecurityArchive>('GET', '/security-archive'),
    enabled,
  });

export const archiveApi = {
  save: (settings: { enabled: boolean; kinds: ArchiveKind[]; manualDeletion: boolean }) =>
    json<SecurityArchive>('PATCH', '/security-archive', settings),
  remove: (uids: readonly number[]) =>
    json<{ removed: number[] }>('POST', '/security-archive/delete', { uids }),
};
