import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startEventBridge } from './api/event-bridge';
import { ApiProvider, createQueryClient } from './api/queries';
import { App } from './app/App';
import './styles/app.css';

const queryClient = createQueryClient();
startEventBridge(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider queryClient={queryClient}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
