// Textes français des réseaux autorisés (écran Sécurité) ; partie du catalogue fr (../fr.ts).
import type { Catalogue } from '../en.ts';

export const networks: Catalogue['networks'] = {
  title: 'Réseaux autorisés',
  hint: 'Les connexions à votre boîte, depuis le webmail comme depuis les logiciels de messagerie, ne sont acceptées que depuis ces réseaux. Laissez la liste vide pour autoriser tous les réseaux.',
  label: 'Réseaux, un par ligne',
  fieldHint: 'Une adresse (203.0.113.7) ou un bloc (203.0.113.0/24, 2001:db8::/48).',
  current: 'Vous êtes connecté depuis {{address}}.',
  addCurrent: 'Ajouter mon adresse actuelle',
  save: 'Enregistrer la liste',
  saved: 'Enregistré. Les connexions depuis d’autres réseaux sont refusées.',
  cleared: 'Enregistré. Tous les réseaux peuvent se connecter.',
  none: 'Tous les réseaux peuvent se connecter.',
  refused: 'Refusé : réseau non autorisé',
};
