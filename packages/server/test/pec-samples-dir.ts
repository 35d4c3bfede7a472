/** Where the shared real-traffic samples live: `../shared/pec-samples` beside the checkout, or PEC_SAMPLES_DIR. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const pecSamplesDir = process.env['PEC_SAMPLES_DIR'] ?? join(repoRoot, '..', 'shared', 'pec-samples');
export const hasPecSamples = existsSync(join(pecSamplesDir, 'MANIFEST.md'));
