// Runs before first paint: applies the theme and language the holder chose (see src/theme, src/i18n).
(function () {
  try {
    var root = document.documentElement;
    var theme = localStorage.getItem('pec.theme');
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    var lang = localStorage.getItem('pec.lang');
    if (lang === 'it' || lang === 'en' || lang === 'fr') root.lang = lang;
  } catch {
    // Storage can be blocked; the defaults (system theme, browser language) then apply.
  }
})();
