/**
 * The longest line of a message, counting its line ending (CRLF, or a bare LF), for the line limit
 * of RFC 5322 §2.1.1 (998 octets + CRLF) that the access point checks as the MX does. Pure.
 */
export function longestLineOctets(bytes: Uint8Array): number {
  let longest = 0;
  let start = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, start)) {
    longest = Math.max(longest, at + 1 - start);
    start = at + 1;
  }
  return Math.max(longest, bytes.length - start);
}
