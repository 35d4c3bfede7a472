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
  deliveryTitle: 'Envoi des avis par e-mail',
  modeImmediate: 'Tout de suite : un avis pour chaque nouvelle PEC',
  modeDigest: 'En résumé aux heures choisies : un avis listant les PEC reçues depuis le dernier',
  digestHint: 'Heures de la journée en {{zone}}. Aucun résumé n’est envoyé si aucune PEC n’est arrivée.',
  noTimes: 'Aucune heure choisie : ajoutez-en au moins une.',
  timesLabel: 'Heures du résumé',
  removeTime: 'Retirer {{time}}',
  timeLabel: 'Heure',
  addTime: 'Ajouter l’heure',
  save: 'Enregistrer',
  deliverySaved: 'Enregistré.',
  smsTitle: 'Avis SMS',
  smsUnavailable: 'Ce fournisseur ne propose pas d’avis par SMS.',
  smsHint:
    'Un court SMS sur votre mobile pour chaque nouvelle PEC : expéditeur et objet seulement. Au plus {{count}} SMS par jour, codes de vérification compris.',
  smsNotInPlan:
    'Votre formule ne comprend pas les avis SMS. Vous pouvez déjà vérifier un numéro de mobile ; les SMS partiront quand votre formule les comprendra.',
  mobileLabel: 'Numéro de mobile',
  mobileHint:
    'Au format international, p. ex. +39 333 123 4567. Un code à six chiffres lui est envoyé par SMS.',
  sendCode: 'Envoyer un code par SMS',
  codeSent: 'Un code à six chiffres a été envoyé par SMS. Saisissez-le ci-dessous pour vérifier le numéro.',
  mobileVerifiedDone: 'Votre numéro de mobile est vérifié.',
  mobileRemoved: 'Le numéro de mobile a été retiré ; aucun SMS ne sera envoyé.',
  smsEnabledLabel: 'Envoyer un SMS pour chaque nouvelle PEC',
  smsEnabledHint: 'Les SMS vont au numéro vérifié ci-dessus.',
  smsEnabledOn: 'SMS des nouvelles PEC activés.',
  smsEnabledOff: 'SMS des nouvelles PEC désactivés.',
  smsBoxLifeLabel:
    'Envoyer aussi un SMS pour les avis sur la boîte : espace, échéance, renouvellement, nouvelle connexion',
  smsBoxLifeHint:
    "L'e-mail de ces avis part toujours. Les avis urgents (échéance demain, boîte expirée ou désactivée, nouvelle connexion) n'attendent pas la fin des heures de silence.",
  smsBoxLifeOn: 'SMS des avis sur la boîte activés.',
  smsBoxLifeOff: 'SMS des avis sur la boîte désactivés.',
  smsEnableNeeds: 'Il faut un numéro de mobile vérifié et une formule qui comprend les SMS.',
  quietTitle: 'Heures de silence',
  quietHint:
    'Aucun SMS entre ces heures ({{zone}}) ; les SMS des PEC reçues entre-temps partent à la fin. Laissez les deux vides pour aucune.',
  quietFrom: 'De',
  quietTo: 'À',
  quietSaved: 'Heures de silence enregistrées.',
};
