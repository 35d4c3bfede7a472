/**
 * The former name of the software signer, kept so that existing callers keep compiling; it no longer
 * goes through pkijs (see `create-software-signer.ts`).
 */
import { createSoftwareSigner, type SoftwareSignerOptions } from './create-software-signer.ts';

export type PkijsSignerOptions = SoftwareSignerOptions;
export const createPkijsSigner = createSoftwareSigner;
