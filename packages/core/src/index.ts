/**
 * @pec/core: the pure PEC domain. Everything here is computation on bytes and values; time,
 * identifiers and provider identity are inputs. Other packages import only from this file.
 */
export * from './pec/vocabulary.ts';
export * from './pec/daticert/daticert.ts';
export * from './mail/header-block.ts';
export * from './mail/content-type.ts';
export * from './smime/signer.ts';
