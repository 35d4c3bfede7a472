/**
 * The pkijs crypto engine over the platform WebCrypto (`globalThis.crypto`). Passed explicitly to
 * every pkijs call so that nothing depends on pkijs's global engine registry.
 */
import { CryptoEngine } from 'pkijs';

export const cryptoEngine = new CryptoEngine({ name: 'node-webcrypto', crypto: globalThis.crypto });
