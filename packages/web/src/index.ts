/** Placeholder: the browser UI arrives with the webmail issue. */
export const webPackage = '@pec/web';
