// Catalogue français.
import type { Catalogue } from './en.ts';
import { pec } from './fr/pec.ts';
import { actions } from './fr/actions.ts';
import { security } from './fr/security.ts';
import { passkeys } from './fr/passkeys.ts';
import { recovery } from './fr/recovery.ts';
import { networks } from './fr/networks.ts';
import { incoming } from './fr/incoming.ts';
import { admin } from './fr/admin.ts';
import { operator } from './fr/operator.ts';
import { adminAccess } from './fr/admin-access.ts';
import { notices } from './fr/notices.ts';
import { securityArchive } from './fr/security-archive.ts';
import { compose } from './fr/compose.ts';
import { composeMore } from './fr/compose-more.ts';
import { options } from './fr/options.ts';
import { dashboard } from './fr/dashboard.ts';
import { scheduled } from './fr/scheduled.ts';
import { integrations } from './fr/integrations.ts';
import { clientSetup } from './fr/client-setup.ts';
import { contacts } from './fr/contacts.ts';
import { calendar } from './fr/calendar.ts';
import { plan } from './fr/plan.ts';
import { contact } from './fr/contact.ts';

export const fr: Catalogue = {
  app: {
    name: 'Webmail PEC',
    loading: 'Chargement…',
    problemTitle: 'Votre boîte ne peut pas être ouverte pour le moment',
  },
  settings: { language: 'Langue', darkTheme: 'Thème sombre' },
  signIn: {
    title: 'Connectez-vous à votre boîte PEC',
    subtitle: 'Courrier électronique certifié à valeur légale',
    address: 'Adresse',
    password: 'Mot de passe',
    showPassword: 'Afficher le mot de passe',
    staySignedIn: 'Rester connecté',
    staySignedInHint: 'Pendant 30 jours sur cet appareil. À éviter sur un ordinateur partagé.',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    forgot: 'Mot de passe oublié ?',
    addressRequired: 'Saisissez votre adresse PEC.',
    addressInvalid: 'Saisissez une adresse complète, par exemple nom@pec.exemple.it.',
    passwordRequired: 'Saisissez votre mot de passe.',
    errorTitle: 'Échec de la connexion',
    footer:
      'Les messages envoyés et reçus ici ont la valeur légale d’une lettre recommandée avec accusé de réception.',
  },
  shell: {
    offline:
      'Hors ligne : vous lisez la copie enregistrée sur cet appareil. Rien ne peut être envoyé avant le retour de la connexion.',
    offlineCompose: 'L’envoi nécessite une connexion',
    skipToList: 'Aller à la liste des messages',
    folders: 'Dossiers',
    openFolders: 'Afficher les dossiers',
    closeFolders: 'Masquer les dossiers',
    compose: 'Écrire',
    signOut: 'Se déconnecter',
    help: 'Raccourcis clavier',
    search: 'Rechercher dans les messages',
  },
  folders: {
    inbox: 'Boîte de réception',
    sent: 'Envoyés',
    drafts: 'Brouillons',
    trash: 'Corbeille',
    junk: 'Indésirables',
    archive: 'Archives',
    'security-archive': 'Archive de sécurité',
    unread_one: '{{count}} non lu',
    unread_many: '{{count}} non lus',
    unread_other: '{{count}} non lus',
  },
  list: {
    label: 'Messages dans {{folder}}',
    count_one: '{{formattedCount}} message',
    count_many: '{{formattedCount}} messages',
    count_other: '{{formattedCount}} messages',
    empty: 'Aucun message dans ce dossier.',
    emptySearch: 'Aucun message ne correspond à « {{q}} ».',
    loadError: 'Impossible de charger la liste.',
    retry: 'Réessayer',
    sortBy: 'Trier par',
    sortDate: 'Date',
    sortFrom: 'Expéditeur',
    sortSubject: 'Objet',
    sortSize: 'Taille',
    descending: 'Ordre décroissant',
    attachment: 'Avec pièces jointes',
    unread: 'Non lu',
    flagged: 'Suivi',
    noSubject: '(sans objet)',
    loadingRow: 'Chargement du message…',
  },
  pecType: {
    'posta-certificata': 'PEC',
    accettazione: 'Acceptation',
    'non-accettazione': 'Non-acceptation',
    'presa-in-carico': 'Prise en charge',
    'avvenuta-consegna': 'Remis',
    'errore-consegna': 'Non remis',
    'preavviso-errore-consegna': 'Avis de non-remise',
    'rilevazione-virus': 'Virus détecté',
    anomalia: 'Anomalie',
    ordinary: 'Courrier ordinaire',
  },
  pecExplain: {
    'posta-certificata':
      'Un message certifié : le fournisseur de l’expéditeur a signé son enveloppe de transport.',
    accettazione: 'Votre fournisseur a accepté votre message et va le transmettre.',
    'non-accettazione': 'Votre fournisseur a refusé votre message : il n’a pas été envoyé.',
    'presa-in-carico': 'Le fournisseur du destinataire a pris en charge le message.',
    'avvenuta-consegna':
      'Le message a été remis dans la boîte du destinataire. Cet accusé est la preuve légale de la remise.',
    'errore-consegna': 'Le message n’a pas pu être remis au destinataire.',
    'preavviso-errore-consegna': 'Aucun accusé de remise après 12 heures : la remise peut encore échouer.',
    'rilevazione-virus': 'Un virus a été détecté : le message n’a pas été remis.',
    anomalia: 'Ce message est arrivé avec une anomalie dans son enveloppe PEC : traitez-le avec prudence.',
    ordinary: 'Courrier ordinaire, non certifié : il n’a pas la valeur légale d’une PEC.',
  },
  reader: {
    pane: 'Volet de lecture',
    empty: 'Sélectionnez un message pour le lire.',
    emptyHint: 'Appuyez sur j et k pour parcourir la liste, Entrée pour ouvrir, ? pour tous les raccourcis.',
    back: 'Retour à la liste',
    from: 'De',
    to: 'À',
    cc: 'Cc',
    date: 'Date',
    attachments: 'Pièces jointes',
    pecDetails: 'Détails PEC',
    htmlFrame: 'Contenu du message',
    remoteBlocked: 'Les images distantes sont bloquées pour protéger votre vie privée.',
    showRemote: 'Afficher le contenu distant',
    loadError: 'Impossible d’ouvrir le message.',
  },
  help: {
    title: 'Raccourcis clavier',
    intro: 'Les raccourcis fonctionnent lorsque le curseur n’est pas dans un champ de saisie.',
    next: 'Message suivant',
    previous: 'Message précédent',
    open: 'Ouvrir le message sélectionné',
    close: 'Fermer le message ou la fenêtre',
    compose: 'Écrire',
    search: 'Rechercher',
    help: 'Afficher cette aide',
    dismiss: 'Fermer',
  },
  problem: {
    'network-not-allowed':
      'La connexion depuis ce réseau n’est pas autorisée pour cette boîte. Réessayez depuis un réseau autorisé.',
    'invalid-credentials': 'L’adresse ou le mot de passe est incorrect.',
    'not-signed-in': 'Votre session est terminée. Veuillez vous reconnecter.',
    'session-expired': 'Votre session a expiré. Veuillez vous reconnecter.',
    'rate-limited': 'Trop de tentatives. Patientez quelques minutes puis réessayez.',
    'account-suspended': 'Cette boîte est suspendue. Contactez votre fournisseur.',
    forbidden: 'Vous n’êtes pas autorisé à faire cela.',
    csrf: 'La requête a été refusée pour des raisons de sécurité. Rechargez la page.',
    'not-found': 'Introuvable : l’élément a peut-être été déplacé ou supprimé.',
    network: 'Le serveur est injoignable. Vérifiez votre connexion.',
    'server-error': 'Un problème est survenu sur le serveur. Réessayez dans un instant.',
    unexpected: 'Erreur inattendue (statut {{status}}).',
  },
  pec,
  actions,
  security,
  passkeys,
  recovery,
  networks,
  incoming,
  admin,
  operator,
  adminAccess,
  notices,
  securityArchive,
  compose,
  composeMore,
  options,
  dashboard,
  scheduled,
  integrations,
  clientSetup,
  contacts,
  calendar,
  plan,
  contact,
};
