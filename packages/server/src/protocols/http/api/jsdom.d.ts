// The one part of jsdom the mail HTML sanitiser uses (mail-html-document.ts). @types/jsdom pulls
// the DOM library into the whole server's types, where Node's own types must stay in charge.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string);
    readonly window: object;
  }
}
