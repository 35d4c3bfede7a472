// A draft from the Drafts folder reopened in compose: its fields and attachments byte-exact from
// GET /api/v1/drafts/:uid; the form keeps the draft's UID, so saving replaces it and sending removes it.
import { composeApi } from '../../api/compose-api.ts';
import { draftForm } from './compose-form.ts';
import type { ComposeRequest } from './Composer.tsx';

export async function openDraft(uid: number): Promise<ComposeRequest> {
  return { key: 0, form: draftForm(uid, await composeApi.draft(uid)), mode: 'draft' };
}
