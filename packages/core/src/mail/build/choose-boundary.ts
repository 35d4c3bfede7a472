/**
 * Deterministic multipart boundaries (RFC 2046 §5.1.1): the same seed and label always give the
 * same boundary, in the `----------=_<label>_<id>` shape close to PEC traffic's (pec-spec §5); no
 * boundary of one message is a prefix of another of the same message.
 * The `=_` pair cannot occur in quoted-printable or base64 text, and a boundary is never one that
 * occurs inside the content it delimits (a suffix is added until it does not).
 */
import { createHash } from 'node:crypto';

function occursIn(needle: string, haystacks: readonly Uint8Array[]): boolean {
  const pattern = Buffer.from(needle, 'latin1');
  return haystacks.some((bytes) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(pattern),
  );
}

/** A boundary for the multipart labelled `label` (e.g. `1`, `1.2`) of the message seeded by `seed`. */
export function chooseBoundary(seed: string, label: string, contents: readonly Uint8Array[]): string {
  if (!/^[0-9A-Za-z.]{1,20}$/.test(label)) throw new RangeError(`invalid boundary label: ${label}`);
  const id = createHash('sha1').update(seed, 'utf8').digest('hex').slice(0, 20);
  const base = `----------=_${label}_${id}`;
  let candidate = base;
  for (let attempt = 1; occursIn(candidate, contents); attempt++) candidate = `${base}.${attempt}`;
  return candidate;
}
