import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api';
import { App } from './app';
import { createAppStore } from './store';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

const store = createAppStore(connectApi());
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
