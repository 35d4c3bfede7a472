/**
 * The evidence pack as a zip (yazl, decision 0014): each file added from memory, deflated, with
 * the report's time as its modification time; the bytes inside are exactly the bytes given.
 */
import { ZipFile } from 'yazl';

export interface ZipEntry {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export async function zipFiles(entries: readonly ZipEntry[], mtime: Date): Promise<Uint8Array> {
  const zip = new ZipFile();
  for (const entry of entries) {
    zip.addBuffer(
      Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength),
      entry.name,
      {
        mtime,
        compress: true,
      },
    );
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}
