// The app route of one message (Mailbox.tsx parses it): receipts and proved messages link here.
export function messagePath(folderId: string, uid: number): string {
  return `/f/${encodeURIComponent(folderId)}/m/${String(uid)}`;
}
