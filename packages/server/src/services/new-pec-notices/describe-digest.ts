/**
 * The words of a digest of new PEC (decision 0036), in Italian then English: one line per PEC
 * with its time (in the holder's zone), sender and subject, nothing of its content (decision
 * 0028); at most `listed` lines, then how many more.
 */
import type { DigestItem } from '../../ports/notice-preference-store.ts';

const listed = 100;

const short = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

export function describeDigest(input: {
  readonly box: string;
  readonly items: readonly DigestItem[];
  readonly due: Date;
  readonly timeZone: string;
}): { subject: string; text: string } {
  const n = String(input.items.length);
  const lines = input.items
    .slice(0, listed)
    .map(
      (item) =>
        `- ${localTime(item.receivedAt, input.timeZone)} · ${item.from ?? '-'} · ${short(item.subject ?? '')}`,
    )
    .join('\n');
  const more = input.items.length - listed;
  const tail = more > 0 ? `\n… +${String(more)}` : '';
  return {
    subject: `Riepilogo: ${n} nuove PEC nella casella ${input.box} / Digest: ${n} new PEC`,
    text:
      `Nuove PEC nella casella ${input.box} dall'ultimo riepilogo (ore ${input.timeZone}):\n` +
      `New PEC in the mailbox ${input.box} since the last digest (times ${input.timeZone}):\n\n` +
      `${lines}${tail}\n\n` +
      'Leggile nella webmail o nel tuo programma di posta.\nRead them in the webmail or your mail program.',
  };
}
