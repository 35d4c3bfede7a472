/** Reads the file a command was given, or prints why it cannot (exit 1) and returns undefined. */
import { readFile } from 'node:fs/promises';
import { refuse } from './mailbox-action.ts';

export async function readInputFile(file: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    refuse(
      code === 'ENOENT'
        ? `${file}: no such file`
        : code === 'EISDIR'
          ? `${file} is a folder, not a message file`
          : `${file}: cannot be read (${code ?? String(error)})`,
    );
    return undefined;
  }
}
