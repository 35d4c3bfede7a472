/**
 * Test-only model of what one IMAP session may know about its selected folder, fed with every
 * response line the server sends, in order. It reports protocol violations instead of throwing:
 * EXISTS that shrinks, EXPUNGE of a sequence number the client does not have, a FETCH of a sequence
 * number beyond the count or of a UID already expunged, UIDs not strictly ascending by sequence
 * number, a message's MODSEQ or the folder's HIGHESTMODSEQ going down (RFC 9051 §7.4–7.5,
 * RFC 7162 §3). Slots whose UID the client has not learnt yet are 0. Not used by production code.
 */

export interface ViewMessage {
  uid: number;
  /** Flags as last shown, without the per-session `\Recent`; null until a FETCH showed them. */
  flags: Set<string> | null;
  modseq: number;
}

export class SessionViewModel {
  readonly name: string;
  readonly violations: string[];
  readonly messages: ViewMessage[] = [];
  /** UIDs this session was told are gone (EXPUNGE of a known slot, VANISHED). */
  readonly gone = new Set<number>();
  highestModseq = 0;
  /** The command being answered, for violation messages. */
  command = '';

  constructor(name: string, violations: string[]) {
    this.name = name;
    this.violations = violations;
  }

  get count(): number {
    return this.messages.length;
  }

  /** Starts over after a SELECT: `exists` unknown slots. */
  reset(): void {
    this.messages.length = 0;
  }

  violation(text: string): void {
    this.violations.push(`${this.name} after "${this.command}": ${text}`);
  }

  /** Feeds one response line (literals already inlined, none expected here). */
  read(line: string): void {
    let match: RegExpExecArray | null;
    if ((match = /^\* (\d+) EXISTS$/.exec(line)) !== null) {
      this.#exists(Number(match[1]));
      return;
    }
    if ((match = /^\* (\d+) EXPUNGE$/.exec(line)) !== null) {
      this.#expunge(Number(match[1]));
      return;
    }
    if ((match = /^\* VANISHED (\(EARLIER\) )?([\d,:]+)$/.exec(line)) !== null) {
      // VANISHED (EARLIER) reports history, not a change of the view (RFC 7162 §3.2.10).
      if (match[1] === undefined) for (const uid of expandSet(match[2] ?? '')) this.#vanished(uid);
      return;
    }
    if ((match = /^\* (\d+) FETCH \((.*)\)$/.exec(line)) !== null) {
      this.#fetch(Number(match[1]), match[2] ?? '');
      return;
    }
    if ((match = /\[HIGHESTMODSEQ (\d+)\]/.exec(line)) !== null) {
      const value = Number(match[1]);
      if (value < this.highestModseq)
        this.violation(`HIGHESTMODSEQ went down ${this.highestModseq} → ${value}`);
      this.highestModseq = value;
    }
  }

  /** UIDs by sequence number (0 for unknown). */
  uids(): number[] {
    return this.messages.map((m) => m.uid);
  }

  /** The message with `uid`, if the view has it. */
  byUid(uid: number): ViewMessage | undefined {
    return this.messages.find((m) => m.uid === uid);
  }

  #exists(count: number): void {
    if (count < this.count) {
      this.violation(`EXISTS ${count} below the ${this.count} messages known (no EXPUNGE came)`);
      return;
    }
    while (this.messages.length < count) this.messages.push({ uid: 0, flags: null, modseq: 0 });
  }

  #expunge(seq: number): void {
    if (seq < 1 || seq > this.count) {
      this.violation(`EXPUNGE ${seq} with ${this.count} messages`);
      return;
    }
    const [removed] = this.messages.splice(seq - 1, 1);
    if (removed !== undefined && removed.uid !== 0) this.gone.add(removed.uid);
  }

  #vanished(uid: number): void {
    const index = this.messages.findIndex((m) => m.uid === uid);
    if (index >= 0) {
      this.messages.splice(index, 1);
      this.gone.add(uid);
      return;
    }
    // Not learnt yet: it must sit in a gap of unknown slots between its known neighbours.
    const gap = this.#gapFor(uid);
    if (gap === null) {
      this.violation(`VANISHED ${uid}, which the session does not have`);
      return;
    }
    this.messages.splice(gap, 1);
    this.gone.add(uid);
  }

  /** Index of an unknown slot where `uid` may sit (between smaller and larger known UIDs). */
  #gapFor(uid: number): number | null {
    let lowKnown = -1;
    for (let i = 0; i < this.messages.length; i++) {
      const at = this.messages[i]?.uid ?? 0;
      if (at !== 0 && at < uid) lowKnown = i;
    }
    const candidate = lowKnown + 1;
    return this.messages[candidate]?.uid === 0 ? candidate : null;
  }

  #fetch(seq: number, body: string): void {
    if (seq < 1 || seq > this.count) {
      this.violation(`FETCH of sequence number ${seq} with ${this.count} messages`);
      return;
    }
    const slot = this.messages[seq - 1];
    if (slot === undefined) return;
    const uidText = /(?:^| )UID (\d+)/.exec(body)?.[1];
    if (uidText !== undefined) {
      const uid = Number(uidText);
      if (this.gone.has(uid)) this.violation(`FETCH of UID ${uid}, announced expunged`);
      if (slot.uid !== 0 && slot.uid !== uid)
        this.violation(`FETCH ${seq} says UID ${uid}, known as ${slot.uid}`);
      if (slot.uid === 0) {
        const before = this.messages.slice(0, seq - 1).reduce((max, m) => Math.max(max, m.uid), 0);
        const after = this.messages.slice(seq).find((m) => m.uid !== 0)?.uid ?? Number.MAX_SAFE_INTEGER;
        if (uid <= before || uid >= after)
          this.violation(`UID ${uid} at ${seq} is not between ${before} and ${after}: not ascending`);
        slot.uid = uid;
      }
    }
    const flagsText = /FLAGS \(([^)]*)\)/.exec(body)?.[1];
    if (flagsText !== undefined) {
      slot.flags = new Set(flagsText.split(' ').filter((f) => f !== '' && f !== '\\Recent'));
    }
    const modseqText = /MODSEQ \((\d+)\)/.exec(body)?.[1];
    if (modseqText !== undefined) {
      const modseq = Number(modseqText);
      if (modseq < slot.modseq)
        this.violation(`MODSEQ of ${seq} (UID ${slot.uid}) went down ${slot.modseq} → ${modseq}`);
      slot.modseq = modseq;
    }
  }
}

/** `1:3,7` → [1, 2, 3, 7] (no `*`). */
export function expandSet(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split(':').map(Number);
    if (a === undefined || Number.isNaN(a)) continue;
    const end = b === undefined ? a : b;
    for (let n = Math.min(a, end); n <= Math.max(a, end); n++) out.push(n);
  }
  return out;
}
