// Renders public/favicon.svg to the PNG icons of the web manifest with Debian's Chromium.
// Run once after changing the SVG: node --import tsx packages/web/dev/render-icons.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../test/browser.ts';

const publicDir = join(import.meta.dirname, '..', 'public');
const svg = readFileSync(join(publicDir, 'favicon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  for (const [name, size, padding] of [
    ['icon-192.png', 192, 0],
    ['icon-512.png', 512, 0],
    ['icon-maskable-512.png', 512, 0.1],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inset = Math.round(size * padding);
    const html = `<body style="margin:0;background:${padding > 0 ? '#1f4e79' : 'transparent'}">
      <div style="padding:${inset}px;width:${size - 2 * inset}px;height:${size - 2 * inset}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></body>`;
    await page.setContent(html);
    writeFileSync(join(publicDir, 'icons', name), await page.screenshot({ omitBackground: padding === 0 }));
    await page.close();
  }
} finally {
  await browser.close();
}
