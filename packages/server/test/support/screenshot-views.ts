/**
 * The screenshot matrix of the browser tests: each view is a device (desktop or phone), a language
 * (en, it, fr with its locale) and a colour scheme, in Rome time. `forEachScreenshotView` opens a
 * fresh browser context per view, hands its page to the caller's shot, then closes the context;
 * `signedInHolderPage` opens one signed in to the webmail as the form would.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { signInWithoutForm, type SignedInPageOptions } from '../api/browser-setup.ts';

export interface Viewport {
  readonly width: number;
  readonly height: number;
}

export type ScreenshotLanguage = 'en' | 'it' | 'fr';
export type ScreenshotScheme = 'light' | 'dark';
export type ScreenshotDevice = 'desktop' | 'phone';

export interface ScreenshotView {
  readonly language: ScreenshotLanguage;
  readonly locale: string;
  readonly scheme: ScreenshotScheme;
  readonly device: ScreenshotDevice;
  readonly viewport: Viewport;
}

export const desktopViewport: Viewport = { width: 1280, height: 800 };
export const phoneViewport: Viewport = { width: 390, height: 844 };

const locales: Readonly<Record<ScreenshotLanguage, string>> = { en: 'en-GB', it: 'it-IT', fr: 'fr-FR' };
const languages: readonly ScreenshotLanguage[] = ['en', 'it', 'fr'];
const schemes: readonly ScreenshotScheme[] = ['light', 'dark'];
const devices: readonly ScreenshotDevice[] = ['desktop', 'phone'];

/** One view; `desktop` sizes the desktop screen (1280×800 unless told). */
export function screenshotView(
  language: ScreenshotLanguage,
  scheme: ScreenshotScheme,
  device: ScreenshotDevice,
  desktop: Viewport = desktopViewport,
): ScreenshotView {
  return {
    language,
    locale: locales[language],
    scheme,
    device,
    viewport: device === 'desktop' ? desktop : phoneViewport,
  };
}

/** Every view: each language, in it each scheme, in it each device. */
export function everyScreenshotView(desktop: Viewport = desktopViewport): ScreenshotView[] {
  return languages.flatMap((language) =>
    schemes.flatMap((scheme) => devices.map((device) => screenshotView(language, scheme, device, desktop))),
  );
}

/** Six views that still show each language, scheme and device: each language light on one device, dark on the other. */
export const crossedScreenshotViews: readonly ScreenshotView[] = [
  screenshotView('en', 'light', 'desktop'),
  screenshotView('en', 'dark', 'phone'),
  screenshotView('it', 'dark', 'desktop'),
  screenshotView('it', 'light', 'phone'),
  screenshotView('fr', 'light', 'desktop'),
  screenshotView('fr', 'dark', 'phone'),
];

/** The options of `signedInPage` (browser-setup.ts) that show `view`. */
export function signedInPageOptions(view: ScreenshotView): SignedInPageOptions {
  return { ...view.viewport, locale: view.locale, colorScheme: view.scheme };
}

/** A new browser context showing `view` in Rome time, with any further options. */
export function newViewContext(
  browser: Browser,
  view: ScreenshotView,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: view.viewport,
    locale: view.locale,
    timezoneId: 'Europe/Rome',
    colorScheme: view.scheme,
    ...options,
  });
}

/**
 * Opens a page for a view signed in to the webmail at `base` (`signInWithoutForm`), left on a
 * static file of the origin: the shot goes to the screen it takes.
 */
export function signedInHolderPage(
  browser: Browser,
  base: string,
  credentials: { readonly address: string; readonly password: string },
): (view: ScreenshotView) => Promise<Page> {
  return async (view) => {
    const page = await (await newViewContext(browser, view)).newPage();
    await signInWithoutForm(page, base, credentials);
    return page;
  };
}

/**
 * For each view in order: a page from `open`, the caller's shot, then the page's context closed (a
 * failed shot leaves it to the browser's close, so that its own error is the one reported). A view
 * may carry more (what to shoot in it); the shot receives it as given.
 */
export async function forEachScreenshotView<View extends ScreenshotView>(
  views: readonly View[],
  open: (view: View) => Promise<Page>,
  shoot: (page: Page, view: View) => Promise<void>,
): Promise<void> {
  for (const view of views) {
    const page = await open(view);
    await shoot(page, view);
    await page.context().close();
  }
}
