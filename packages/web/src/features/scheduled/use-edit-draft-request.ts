// "Edit" in the Scheduled list cancels the schedule and comes back to the mailbox with the draft's
// UID in the navigation state; the mailbox then reopens that draft in compose, once.
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { openDraft } from '../compose/open-draft.ts';
import type { ComposeRequest } from '../compose/Composer.tsx';

export function useEditDraftRequest(open: (update: (last: ComposeRequest | null) => ComposeRequest) => void) {
  const location = useLocation();
  const navigate = useNavigate();
  const uid = (location.state as { editDraft?: unknown } | null)?.editDraft;
  useEffect(() => {
    if (typeof uid !== 'number') return;
    // Forget it, so that Back or a reload does not reopen it.
    void navigate(location.pathname + location.search, { replace: true, state: null });
    void openDraft(uid).then((request) => {
      open((last) => ({ ...request, key: (last?.key ?? 0) + 1 }));
    });
  }, [uid, open, navigate, location.pathname, location.search]);
}
