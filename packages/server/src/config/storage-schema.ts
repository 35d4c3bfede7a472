/**
 * The `storage` section: where messages and their metadata are kept, the embedded SQLite file or a
 * PostgreSQL server shared by several nodes, and where the raw bytes go (files or PostgreSQL).
 */
import { z } from 'zod';
import { dataFolderEntries } from './data-folder-layout.ts';
import { relativeOrAbsolutePath } from './relative-or-absolute-path.ts';

export const storageSchema = z
  .strictObject({
    kind: z
      .enum(['sqlite', 'postgres'])
      .default('sqlite')
      .describe('Metadata store: the embedded SQLite file, or a PostgreSQL server.'),
    sqliteFile: relativeOrAbsolutePath(
      'SQLite database file, used when kind is sqlite.',
      dataFolderEntries.databaseFile,
    ),
    postgresUrl: z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// connection URL')
      .optional()
      .describe(
        'PostgreSQL connection URL (postgres:// or postgresql://), required when kind is postgres. Prefer the PEC_POSTGRES_URL variable to ' +
          'keep the password out of the file.',
      ),
    blobsDir: relativeOrAbsolutePath(
      'Folder holding raw messages byte-exact, one file per blob (on SQLite, only those above 64 KiB).',
      dataFolderEntries.blobsDir,
    ),
    quarantineDir: relativeOrAbsolutePath(
      'Folder holding infected messages for the retention period (DPR 68/2005 art. 12).',
      dataFolderEntries.quarantineDir,
    ),
    blobs: z
      .enum(['fs', 'postgres'])
      .default('fs')
      .describe(
        'Where raw messages are kept: fs, files under blobsDir (with kind sqlite, those up to 64 KiB in the database); postgres, chunked in the PostgreSQL database, ' +
          'so that several nodes share them without a shared file system. postgres needs kind postgres.',
      ),
  })
  .prefault({})
  .superRefine((storage, ctx) => {
    if (storage.kind === 'postgres' && storage.postgresUrl === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['postgresUrl'],
        message: 'required when storage.kind is postgres',
      });
    }
    if (storage.blobs === 'postgres' && storage.kind !== 'postgres') {
      ctx.addIssue({
        code: 'custom',
        path: ['blobs'],
        message: 'postgres blobs need storage.kind postgres',
      });
    }
  })
  .describe('Where messages and their metadata are stored.');
