// Folder names and icons: special-use folders in the reader's language, the holder's own as named.
import type { TFunction } from 'i18next';
import type { Folder, SpecialUse } from '../../api/contract.ts';
import type { IconName } from '../../ui/Icon.tsx';

const order: SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash', 'security-archive'];

export function folderName(t: TFunction, folder: Folder): string {
  return folder.specialUse === null ? folder.name : t(`folders.${folder.specialUse}`);
}

export function folderIcon(folder: Folder): IconName {
  return folder.specialUse ?? 'folder';
}

/** Special-use folders first in a fixed order, then the holder's own by name. */
export function sortFolders(folders: readonly Folder[]): Folder[] {
  const rank = (folder: Folder) =>
    folder.specialUse === null ? order.length : order.indexOf(folder.specialUse);
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
