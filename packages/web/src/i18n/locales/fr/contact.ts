// Textes français de l’écran Coordonnées (/settings/contact) ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const contact: Catalogue['contact'] = {
  title: 'Coordonnées',
  intro:
    'Là où votre fournisseur vous écrit au sujet de cette boîte : échéance, sécurité et avis de service. Une nouvelle valeur ne s’applique qu’une fois saisi le code qui lui a été envoyé, et l’ancien contact est informé du changement.',
  emailTitle: 'E-mail de contact',
  emailHint:
    'Une adresse e-mail ordinaire, pour les avis de service et pour réinitialiser votre mot de passe.',
  mobileTitle: 'Numéro de mobile',
  mobileHint: 'Pour les codes et les avis par SMS.',
  current: 'Actuel :',
  noneOnFile: 'aucun',
  newValue: 'Nouveau :',
  waiting: 'En attente du code',
  pendingEmailHint:
    'L’adresse actuelle reste en vigueur tant que vous n’avez pas saisi le code envoyé par e-mail à la nouvelle.',
  pendingMobileHint:
    'Le numéro actuel reste en vigueur tant que vous n’avez pas saisi le code envoyé par SMS au nouveau.',
  codeLabel: 'Code envoyé à {{value}}',
  confirm: 'Confirmer',
  resend: 'Envoyer un nouveau code',
  cancel: 'Annuler le changement',
  newEmail: 'Nouvel e-mail de contact',
  newMobile: 'Nouveau numéro de mobile',
  mobileFormat: 'Au format international, par exemple +39 333 123 4567.',
  sendEmailCode: 'Envoyer un code par e-mail',
  sendSmsCode: 'Envoyer un code par SMS',
  codeSentEmail:
    'Un code à six chiffres a été envoyé à {{value}}. Saisissez-le ici pour confirmer le changement.',
  codeSentSms:
    'Un code à six chiffres a été envoyé par SMS au {{value}}. Saisissez-le ici pour confirmer le changement.',
  changed: '{{value}} est désormais votre contact. Nous avons informé le contact précédent du changement.',
  cancelled: 'Le changement a été annulé ; votre contact reste le même.',
  emailRequired: 'Saisissez la nouvelle adresse e-mail.',
  mobileRequired: 'Saisissez le nouveau numéro de mobile.',
  codeRequired: 'Saisissez le code à six chiffres.',
  loadError: 'Impossible de charger vos coordonnées. Réessayez plus tard.',
};
