// TanStack Query bindings: one key factory, one hook per route.
import { QueryCache, QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, type MessageQuery } from './client.ts';
import type { ArchiveKind, SortKey } from './contract.ts';

export const pageSize = 200;

export const keys = {
  provider: ['provider'] as const,
  session: ['session'] as const,
  folders: ['folders'] as const,
  messages: (
    folderId: string,
    sort: SortKey,
    descending: boolean,
    q: string,
    hideReceipts = false,
    kind: ArchiveKind | null = null,
    preview = false,
  ) => ['messages', folderId, sort, descending, q, hideReceipts, kind, preview] as const,
  message: (folderId: string, uid: number) => ['message', folderId, uid] as const,
};

export function newQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A 401 on any call means the session is gone (expired, revoked, signed out elsewhere): asking
    // for the session again lets the guard send the holder to the sign-in screen.
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== keys.session[0]) {
          void client.invalidateQueries({ queryKey: keys.session });
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
  return client;
}

export const useProvider = () =>
  useQuery({ queryKey: keys.provider, queryFn: api.provider, staleTime: Infinity });

export const useSession = () => useQuery({ queryKey: keys.session, queryFn: api.session, retry: false });

export const useFolders = () => useQuery({ queryKey: keys.folders, queryFn: api.folders });

export function useMessages(
  folderId: string,
  sort: SortKey,
  descending: boolean,
  q: string,
  hideReceipts = false,
  kind: ArchiveKind | null = null,
  preview = false,
) {
  return useInfiniteQuery({
    queryKey: keys.messages(folderId, sort, descending, q, hideReceipts, kind, preview),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query: MessageQuery = {
        sort,
        descending,
        q,
        limit: pageSize,
        cursor: pageParam,
        hideReceipts,
        kind,
        preview,
      };
      return api.messages(folderId, query);
    },
    getNextPageParam: (last) => last.nextCursor,
    enabled: folderId !== '',
  });
}

export const useMessage = (folderId: string, uid: number | null) =>
  useQuery({
    queryKey: keys.message(folderId, uid ?? -1),
    queryFn: () => api.message(folderId, uid ?? -1),
    enabled: uid !== null,
  });

export const usePecDetails = (folderId: string, uid: number) =>
  useQuery({ queryKey: ['pec', folderId, uid] as const, queryFn: () => api.pecDetails(folderId, uid) });

export const useReceiptsDossier = (folderId: string, uid: number, enabled: boolean) =>
  useQuery({
    queryKey: ['receipts', folderId, uid] as const,
    queryFn: () => api.receipts(folderId, uid),
    enabled,
  });

/** After sign-in or sign-out: forget everything cached for the previous session. */
export function useResetSession(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'provider' });
    await client.invalidateQueries({ queryKey: keys.session });
  };
}
