// Textes français de la page « Configurer un logiciel de messagerie » ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const clientSetup: Catalogue['clientSetup'] = {
  title: 'Logiciel de messagerie',
  intro:
    'Lisez et envoyez vos PEC depuis un logiciel de messagerie sur votre ordinateur ou votre téléphone, en plus d’ici.',
  autoTitle: 'Configuration automatique',
  autoBody:
    'Thunderbird et Outlook se configurent seuls : saisissez votre adresse PEC et votre mot de passe, ils trouvent eux-mêmes les serveurs ci-dessous.',
  appleBody:
    'Sur iPhone, iPad ou Mac, téléchargez le profil de configuration et ouvrez-le pour ajouter le compte.',
  downloadProfile: 'Télécharger le profil pour appareils Apple',
  manualTitle: 'Configuration manuelle',
  username: 'Nom d’utilisateur',
  password: 'Mot de passe',
  passwordSame: 'Le mot de passe de votre boîte PEC.',
  passwordApp: 'Un mot de passe d’application (la validation en deux étapes est activée).',
  server: 'Serveur',
  port: 'Port',
  security: 'Sécurité',
  preferred: 'Recommandé',
  securities: { tls: 'SSL/TLS', starttls: 'STARTTLS' },
  protocols: {
    imap: 'Courrier entrant (IMAP)',
    pop3: 'Courrier entrant (POP3)',
    smtp: 'Courrier sortant (SMTP)',
  },
  pecNote:
    'N’envoyez que depuis votre adresse PEC : le serveur refuse les autres expéditeurs. Les accusés arrivent dans votre boîte de réception comme tout message.',
  appPasswordTitle: 'Mots de passe d’application',
  appPasswordBody:
    'La validation en deux étapes est activée : les logiciels de messagerie ne peuvent pas se connecter avec votre mot de passe. Créez un mot de passe d’application pour chacun dans Sécurité.',
  appPasswordLink: 'Créer un mot de passe d’application',
};
