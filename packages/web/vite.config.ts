// Build of the webmail: hashed assets, no inline scripts (the HTTP listener sends `script-src 'self'`),
// an app-shell service worker and a web manifest. `npm run dev -w @pec/web` proxies /api to the dev mock.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const mockApi = 'http://127.0.0.1:8787';

export default defineConfig({
  base: '/',
  plugins: [
    react(),
    VitePWA({
      // registerSW.js is a file, not an inline script, so a strict CSP holds.
      injectRegister: 'script-defer',
      registerType: 'autoUpdate',
      includeAssets: ['favicon.svg', 'theme-init.js', 'icons/*.png'],
      manifest: {
        name: 'PEC Webmail',
        short_name: 'PEC',
        description: 'Posta elettronica certificata',
        lang: 'it',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1f4e79',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The Web Push handlers (decision 0032) join the generated worker, which owns /sw.js.
        importScripts: ['/push-sw.js'],
        // The app shell, precached.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // Offline reading (decision 0033): the last answer of the session, the folders, each
        // folder's first page and each message read, from the network while there is one and
        // from this cache only when the network fails. Emptied on sign-out (lib/offline.ts).
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              url.origin === self.location.origin &&
              !url.searchParams.has('cursor') &&
              /^\/api\/v1\/(session|provider|preferences|folders|folders\/\d+\/messages|messages\/\d+\/\d+(\/(pec|receipts|html))?)$/.test(
                url.pathname,
              ),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'pec-offline',
              networkTimeoutSeconds: 10,
              expiration: { maxEntries: 300, maxAgeSeconds: 14 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own hashed chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // The rich-text editor loads with the compose sheet, not with the first page.
            {
              name: 'editor',
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|orderedmap|rope-sequence|w3c-keyname|linkifyjs)[\\/]/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': mockApi } },
  preview: { proxy: { '/api': mockApi } },
});
