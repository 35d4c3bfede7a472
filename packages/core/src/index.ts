/**
 * @pec/core: the pure PEC domain. Everything here is computation on bytes and values; time,
 * identifiers and provider identity are inputs. Other packages import only from this file.
 */
export * from './pec/vocabulary.ts';
export * from './pec/daticert/daticert.ts';
export * from './mail/header-block.ts';
export * from './mail/content-type.ts';
export * from './smime/signer.ts';
export * from './mail/parse-mime-tree.ts';
export * from './mail/find-parts.ts';
export * from './mail/decode-transfer-encoding.ts';
export * from './mail/decode-charset.ts';
export * from './mail/decode-utf7.ts';
export * from './mail/decode-encoded-words.ts';
export * from './mail/parse-address-list.ts';
export * from './mail/parse-mail-date.ts';
export * from './mail/read-text-body.ts';
export * from './mail/message-summary.ts';
export * from './pec/daticert/daticert-dtd.ts';
export * from './pec/daticert/render-daticert.ts';
export * from './pec/daticert/parse-daticert.ts';
export * from './pec/daticert/sanitize-xml-text.ts';
export * from './pec/time/italian-time.ts';
export * from './pec/identifiers/pec-identifier.ts';
export * from './pec/identifiers/message-id.ts';
