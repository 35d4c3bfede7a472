/**
 * A browser's User-Agent (RFC 9110 §10.1.5) in the words the session list and the access history
 * show: the browser family and the operating system, without versions (a browser update is not
 * a new device). Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
 * Anything else (an IMAP client's ID, a script) is kept as given, shortened.
 */

export interface DeviceDescription {
  /** Browser family or client name; null when nothing was given. */
  readonly client: string | null;
  readonly os: string | null;
}

const browsers: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/Chrom(e|ium)\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

const systems: readonly [RegExp, string][] = [
  [/\bWindows\b/, 'Windows'],
  [/\bAndroid\b/, 'Android'],
  [/\b(iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

export function describeUserAgent(userAgent: string | null | undefined): DeviceDescription {
  if (userAgent === null || userAgent === undefined || userAgent.trim() === '')
    return { client: null, os: null };
  const os = systems.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  const browser = browsers.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser !== undefined) return { client: browser, os };
  const text = userAgent.trim();
  return { client: text.length > 60 ? `${text.slice(0, 59)}…` : text, os };
}

/** One line: "Firefox on Linux", "Thunderbird", or null. */
export function deviceLabel(userAgent: string | null | undefined): string | null {
  const { client, os } = describeUserAgent(userAgent);
  if (client === null) return null;
  return os === null ? client : `${client} on ${os}`;
}
