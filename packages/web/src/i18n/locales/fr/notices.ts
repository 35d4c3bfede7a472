// Textes français des avis par e-mail de nouvelles PEC (/settings/notices) ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const notices: Catalogue['notices'] = {
  title: 'Avis',
  back: 'Retour au courrier',
  emailTitle: 'Avis par e-mail des nouvelles PEC',
  emailHint:
    'Chaque nouvelle PEC est annoncée par un court e-mail ordinaire à ces adresses : expéditeur, objet et heure seulement, jamais le contenu. {{count}} adresses au plus ; chacune ne reçoit les avis qu’une fois vérifiée.',
  capHint:
    'Au-delà d’un certain nombre d’avis par heure, les autres PEC de cette heure sont résumées en un seul avis.',
  none: 'Aucune adresse d’avis pour le moment.',
  addLabel: 'Nouvelle adresse',
  add: 'Ajouter et envoyer un code',
  added:
    'Un code à six chiffres a été envoyé à {{address}}. Saisissez-le ci-dessous pour vérifier l’adresse.',
  verified: 'Vérifiée',
  pending: 'En attente du code',
  codeLabel: 'Code pour {{address}}',
  verify: 'Vérifier',
  resend: 'Envoyer un nouveau code',
  remove: 'Supprimer',
  removeNamed: 'Supprimer {{address}}',
  verifiedDone: '{{address}} est vérifiée et recevra un avis pour chaque nouvelle PEC.',
  removedDone: '{{address}} a été supprimée.',
  full: 'Vous avez atteint le nombre maximal d’adresses.',
  loadError: 'Les réglages des avis n’ont pas pu être chargés. Réessayez plus tard.',
};
