// English strings of the rich-text composer, reopened drafts and forward as attachment; part of the en catalogue (../en.ts).
export const composeMore = {
  titleDraft: 'Edit draft',
  plainText: 'Plain text',
  formatting: 'Formatting',
  format: {
    bold: 'Bold',
    italic: 'Italic',
    underline: 'Underline',
    bulletList: 'Bulleted list',
    orderedList: 'Numbered list',
    blockquote: 'Quote',
    link: 'Link',
  },
  linkAddress: 'Link address',
  applyLink: 'Apply',
  removeLink: 'Remove link',
  forwardAttachment: 'Forward as attachment',
  draftOpenError: 'The draft could not be opened.',
};
