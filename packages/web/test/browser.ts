// Debian's Chromium, driven by playwright-core (no browser download here).
import { existsSync } from 'node:fs';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A reason to skip browser tests, or false when Chromium is there. */
export function chromiumMissing(): string | false {
  return existsSync(chromiumPath)
    ? false
    : `${chromiumPath} is absent: install Debian's chromium to run the browser tests`;
}
