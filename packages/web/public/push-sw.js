// Imported by the webmail's service worker (vite.config.ts, workbox importScripts): it shows the Web Push of a new PEC (decision 0032) — the sender as
// title, the subject as text, one notification per message — and opens that message when clicked.
self.addEventListener('push', function (event) {
  var data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  var title = data.from || 'PEC';
  var options = {
    body: data.subject || '',
    tag: 'pec-' + String(data.folderId || data.folder || '') + '-' + String(data.uid || ''),
    icon: '/favicon.svg',
    data: { url: data.url || '/' },
  };
  event.waitUntil(self.registration.showNotification(title, options));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL(
    event.notification.data && event.notification.data.url ? event.notification.data.url : '/',
    self.location.origin,
  ).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i += 1) {
        var client = windows[i];
        if (new URL(client.url).origin === self.location.origin && 'focus' in client) {
          return client.focus().then(function (focused) {
            return focused && 'navigate' in focused ? focused.navigate(target) : focused;
          });
        }
      }
      return self.clients.openWindow(target);
    }),
  );
});
