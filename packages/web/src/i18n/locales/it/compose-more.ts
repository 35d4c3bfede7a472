// Testi italiani dell'editor di testo formattato, delle bozze riaperte e dell'inoltro come allegato; parte del catalogo it (../it.ts).
import type { composeMore as en } from '../en/compose-more.ts';

export const composeMore: typeof en = {
  titleDraft: 'Modifica bozza',
  plainText: 'Solo testo',
  formatting: 'Formattazione',
  format: {
    bold: 'Grassetto',
    italic: 'Corsivo',
    underline: 'Sottolineato',
    bulletList: 'Elenco puntato',
    orderedList: 'Elenco numerato',
    blockquote: 'Citazione',
    link: 'Collegamento',
  },
  linkAddress: 'Indirizzo del collegamento',
  applyLink: 'Applica',
  removeLink: 'Rimuovi collegamento',
  forwardAttachment: 'Inoltra come allegato',
  draftOpenError: 'Non è stato possibile aprire la bozza.',
};
