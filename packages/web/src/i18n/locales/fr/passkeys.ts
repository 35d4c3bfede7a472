// Clés d’accès (connexion, seconde étape, paramètres de sécurité) et notifications push des nouveaux PEC, en français.
import type { passkeys as en } from '../en/passkeys.ts';

export const passkeys: Record<keyof typeof en, string> = {
  signIn: 'Se connecter avec une clé d’accès',
  signingIn: 'En attente de la clé d’accès…',
  or: 'ou',
  useInstead: 'Utiliser plutôt une clé d’accès',
  cancelled: 'La clé d’accès n’a pas été utilisée. Réessayez ou utilisez votre mot de passe.',
  unsupported: 'Ce navigateur ne peut pas utiliser de clés d’accès.',
  refused: 'Cette clé d’accès n’a pas été acceptée.',
  title: 'Clés d’accès',
  hint: 'Connectez-vous avec votre empreinte, votre visage ou le code de l’appareil au lieu du mot de passe. Une clé d’accès sert aussi de seconde étape de la validation en deux étapes.',
  name: 'Nom de la clé d’accès',
  nameHint:
    'L’appareil ou le gestionnaire de mots de passe qui la garde, par exemple « Portable du bureau ».',
  add: 'Ajouter une clé d’accès',
  adding: 'En attente de l’appareil…',
  added: 'Clé d’accès « {{name}} » ajoutée.',
  none: 'Aucune clé d’accès.',
  remove: 'Supprimer',
  removeNamed: 'Supprimer la clé d’accès {{name}}',
  pushTitle: 'Notifications sur cet appareil',
  pushHint:
    'Une notification avec l’expéditeur et l’objet de chaque nouveau PEC, jamais son texte. Au plus {{limit}} par heure.',
  pushToggle: 'Avertir cet appareil des nouveaux PEC',
  pushUnsupported: 'Ce navigateur ne peut pas afficher les notifications du webmail.',
  pushDenied: 'Les notifications de ce site sont bloquées dans les réglages du navigateur.',
  pushDevices: 'Appareils avertis',
  pushNone: 'Aucun appareil n’est averti.',
  pushThisDevice: 'Cet appareil',
  pushRemoveNamed: 'Ne plus avertir {{device}}',
  pushSince: 'Depuis le {{date}}',
  unknownDevice: 'Appareil inconnu',
};
