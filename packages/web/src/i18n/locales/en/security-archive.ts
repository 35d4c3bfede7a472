// English strings of the security archive (/settings/security-archive and its folder); part of the en catalogue (../en.ts).
export const securityArchive = {
  title: 'Security archive',
  settings: 'Archive settings',
  intro:
    'A read-only copy of the messages you choose, taken when they arrive or are sent. It stays even when you delete them from your mailbox, and has its own space. It covers only mail from the moment you switch it on.',
  enabled: 'Keep a copy in the security archive',
  kinds: 'What to archive',
  kind: {
    acceptance: 'Acceptance receipts',
    delivery: 'Delivery receipts',
    received: 'Certified messages received',
    sent: 'Messages sent',
  },
  kindHint: {
    acceptance: 'Proof that your provider accepted each PEC you sent (and any non-acceptance).',
    delivery: 'Proof that each PEC reached its recipient (and any failed delivery).',
    received: 'The PEC you receive, exactly as delivered with their signature.',
    sent: 'Your copy of each PEC you send.',
  },
  manualDeletion: 'Allow deleting from the archive',
  manualDeletionHint:
    'Off by default, so that nothing can be removed from the archive, not even by mistake. When on, you can delete archived messages for good, after a confirmation.',
  save: 'Save',
  saved: 'Security archive settings saved.',
  loadError: 'The security archive could not be loaded. Try again later.',
  space: 'Archive space',
  noQuota:
    'Your plan includes no archive space: nothing is archived. Ask your provider for a plan with an archive.',
  used_one: '{{used}} used of {{quota}} ({{count}} message)',
  used_many: '{{used}} used of {{quota}} ({{count}} messages)',
  used_other: '{{used}} used of {{quota}} ({{count}} messages)',
  full: 'The archive is full: new messages still reach your mailbox but are not archived.',
  since: 'Archiving since {{date}}.',
  open: 'Open the archive',
  readOnly: 'Read-only',
  kindFilter: 'Show',
  allKinds: 'All kinds',
  settingsLink: 'Archive settings',
  delete: 'Delete from the archive',
  deleteForever: 'Delete for good',
  confirmDeleteTitle: 'Delete from the security archive?',
  confirmDelete_one: 'This archived message will be deleted for good. It cannot be recovered.',
  confirmDelete_many: 'These {{count}} archived messages will be deleted for good. They cannot be recovered.',
  confirmDelete_other:
    'These {{count}} archived messages will be deleted for good. They cannot be recovered.',
};
