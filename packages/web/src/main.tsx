// Entry point: translations first, then the app with its query cache.
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { newQueryClient } from './api/queries.ts';
import { App } from './App.tsx';
import { initI18n } from './i18n/index.ts';
import './styles/tokens.css';
import './styles/base.css';
import './styles/signin.css';
import './styles/mailbox.css';
import './styles/security.css';
import './styles/incoming.css';
import './styles/admin.css';
import './styles/operator.css';

await initI18n();
const root = document.getElementById('root');
if (root === null) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={newQueryClient()}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
