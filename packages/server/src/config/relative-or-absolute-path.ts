/**
 * A configured path with its default: relative paths are resolved against the data folder when
 * `loadConfig` reads the file.
 */
import { z } from 'zod';

export const relativeOrAbsolutePath = (what: string, fallback: string) =>
  z
    .string()
    .min(1)
    .default(fallback)
    .describe(`${what} Relative paths are resolved against the data folder.`);
