// Textes français de l'administration (/admin/...) ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const admin: Catalogue['admin'] = {
  shell: {
    title: 'Administration',
    navigation: 'Sections de l’administration',
    signOut: 'Se déconnecter',
  },
  roles: {
    admin: 'Opérateur · administrateur',
    support: 'Opérateur · assistance',
    auditor: 'Opérateur · auditeur',
    postmaster: 'Postmaster',
  },
  sections: {
    boxes: 'Boîtes',
    import: 'Importer un CSV',
    defaults: 'Réglages du domaine',
    audit: 'Journal d’audit',
    operatorHealth: 'État du service',
    operatorLog: 'Registre des journaux',
    operatorQueue: 'Files et quarantaine',
    operatorDomains: 'Domaines',
  },
  signIn: {
    title: 'Connexion à l’administration',
    subtitle: 'Pour les postmasters des domaines clients et les opérateurs du prestataire',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    code: 'Code de votre application d’authentification',
    submit: 'Se connecter',
    verify: 'Vérifier',
    submitting: 'Connexion…',
    required: 'Saisissez votre adresse e-mail et votre mot de passe.',
    errorTitle: 'Échec de la connexion',
    footer: 'Chaque action effectuée ici est enregistrée avec votre nom et votre adresse.',
  },
  audit: {
    title: 'Journal d’audit',
    hint: 'Toutes les actions d’administration et les tentatives refusées, des plus récentes aux plus anciennes.',
    search: 'Rechercher une personne, une action ou une boîte',
    searchButton: 'Rechercher',
    outcome: 'Résultat',
    outcomes: { any: 'Tous les résultats', done: 'Effectuée', refused: 'Refusée', denied: 'Interdite' },
    when: 'Quand',
    who: 'Qui',
    action: 'Action',
    target: 'Objet',
    from: 'Depuis',
    empty: 'Aucune entrée ne correspond.',
    more: 'Afficher les entrées plus anciennes',
  },
};
