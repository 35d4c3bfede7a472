// Textes français de l'archive de sécurité (/settings/security-archive et son dossier) ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const securityArchive: Catalogue['securityArchive'] = {
  title: 'Archive de sécurité',
  settings: 'Réglages de l’archive',
  intro:
    'Une copie en lecture seule des messages que vous choisissez, faite à leur arrivée ou à leur envoi. Elle reste même si vous les supprimez de la boîte et dispose de son propre espace. Elle ne couvre que le courrier à partir de son activation.',
  enabled: 'Garder une copie dans l’archive de sécurité',
  kinds: 'Quoi archiver',
  kind: {
    acceptance: 'Avis d’acceptation',
    delivery: 'Avis de remise',
    received: 'Courrier certifié reçu',
    sent: 'Messages envoyés',
  },
  kindHint: {
    acceptance: 'La preuve que votre fournisseur a accepté chaque PEC envoyée (et les éventuels refus).',
    delivery: 'La preuve que chaque PEC est parvenue à son destinataire (et les éventuels échecs de remise).',
    received: 'Les PEC reçues, exactement telles que remises, avec leur signature.',
    sent: 'Votre copie de chaque PEC envoyée.',
  },
  manualDeletion: 'Autoriser la suppression dans l’archive',
  manualDeletionHint:
    'Désactivée au départ, pour que rien ne puisse être retiré de l’archive, même par erreur. Une fois activée, vous pouvez supprimer définitivement des messages archivés, après confirmation.',
  save: 'Enregistrer',
  saved: 'Réglages de l’archive de sécurité enregistrés.',
  loadError: 'L’archive de sécurité n’a pas pu être chargée. Réessayez plus tard.',
  space: 'Espace de l’archive',
  noQuota:
    'Votre offre ne comprend pas d’espace d’archive : rien n’est archivé. Demandez à votre fournisseur une offre avec archive.',
  used_one: '{{used}} utilisés sur {{quota}} ({{count}} message)',
  used_many: '{{used}} utilisés sur {{quota}} ({{count}} messages)',
  used_other: '{{used}} utilisés sur {{quota}} ({{count}} messages)',
  full: 'L’archive est pleine : les nouveaux messages arrivent dans la boîte mais ne sont plus archivés.',
  since: 'Archivage actif depuis le {{date}}.',
  open: 'Ouvrir l’archive',
  readOnly: 'Lecture seule',
  kindFilter: 'Afficher',
  allKinds: 'Tous les types',
  settingsLink: 'Réglages de l’archive',
  delete: 'Supprimer de l’archive',
  deleteForever: 'Supprimer définitivement',
  confirmDeleteTitle: 'Supprimer de l’archive de sécurité ?',
  confirmDelete_one: 'Ce message archivé sera supprimé définitivement. Il ne pourra pas être récupéré.',
  confirmDelete_many:
    'Ces {{count}} messages archivés seront supprimés définitivement. Ils ne pourront pas être récupérés.',
  confirmDelete_other:
    'Ces {{count}} messages archivés seront supprimés définitivement. Ils ne pourront pas être récupérés.',
};
