// Textes français de la récupération du mot de passe (/recover, /recover/<token>) ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const recovery: Catalogue['recovery'] = {
  title: 'Réinitialiser le mot de passe',
  subtitle:
    'Saisissez votre adresse PEC et le code fiscal du titulaire. Nous envoyons un lien à l’adresse e-mail de contact enregistrée.',
  address: 'Adresse PEC',
  taxCode: 'Code fiscal du titulaire',
  taxCodeHint:
    'Codice fiscale (16 caractères) ou partita IVA (11 chiffres), tel qu’indiqué à l’ouverture de la boîte.',
  addressRequired: 'Saisissez votre adresse PEC.',
  addressInvalid: 'Saisissez une adresse complète, par exemple nom@pec.exemple.it.',
  taxCodeRequired: 'Saisissez le code fiscal du titulaire.',
  taxCodeInvalid: 'Ce n’est ni un codice fiscale ni une partita IVA valide.',
  submit: 'Envoyer le lien',
  submitting: 'Envoi…',
  sentTitle: 'Consultez votre e-mail de contact',
  sent: 'Si l’adresse et le code fiscal correspondent à une boîte PEC, un lien est en route vers l’e-mail de contact enregistré. Il ne sert qu’une fois, pendant peu de temps.',
  sentHint:
    'Rien après quelques minutes ? Regardez dans les indésirables de cette boîte. Si l’e-mail de contact n’est plus à jour, contactez votre fournisseur.',
  backToSignIn: 'Retour à la connexion',
  resetTitle: 'Choisissez un nouveau mot de passe',
  resetSubtitle: 'Tous les appareils et mots de passe d’application connectés à la boîte seront déconnectés.',
  newPassword: 'Nouveau mot de passe',
  newPasswordHint:
    'Au moins 8 caractères. Quelques mots sans rapport entre eux se retiennent bien et se devinent mal.',
  repeatPassword: 'Répétez le nouveau mot de passe',
  passwordTooShort: 'Le nouveau mot de passe doit compter au moins 8 caractères.',
  passwordMismatch: 'Les deux mots de passe ne sont pas identiques.',
  save: 'Enregistrer le mot de passe',
  saving: 'Enregistrement…',
  doneTitle: 'Mot de passe modifié',
  done: 'Connectez-vous à {{address}} avec le nouveau mot de passe. Tous les appareils ont été déconnectés et les mots de passe d’application de vos logiciels de messagerie supprimés : créez-en de nouveaux dans les paramètres de sécurité.',
  signIn: 'Se connecter',
  checking: 'Vérification du lien…',
  invalidTitle: 'Ce lien ne fonctionne plus',
  invalid: 'Il a déjà servi, ou il a expiré. Demandez-en un nouveau.',
  askAgain: 'Demander un nouveau lien',
  errorTitle: 'Cela n’a pas fonctionné',
};
