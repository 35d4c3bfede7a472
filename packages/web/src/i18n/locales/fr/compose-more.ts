// Textes français de l'éditeur de texte enrichi, des brouillons rouverts et du transfert en pièce jointe ; partie du catalogue fr (../fr.ts).
import type { composeMore as en } from '../en/compose-more.ts';

export const composeMore: typeof en = {
  titleDraft: 'Modifier le brouillon',
  plainText: 'Texte brut',
  formatting: 'Mise en forme',
  format: {
    bold: 'Gras',
    italic: 'Italique',
    underline: 'Souligné',
    bulletList: 'Liste à puces',
    orderedList: 'Liste numérotée',
    blockquote: 'Citation',
    link: 'Lien',
  },
  linkAddress: 'Adresse du lien',
  applyLink: 'Appliquer',
  removeLink: 'Supprimer le lien',
  forwardAttachment: 'Transférer en pièce jointe',
  draftOpenError: "Le brouillon n'a pas pu être ouvert.",
};
