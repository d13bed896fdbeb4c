// Entry point of the PWA: the desk shell. Scanner and admin screens come by import().
import { render } from 'preact';
import { App } from './app.tsx';
import { registerServiceWorker } from './sw-bridge.ts';
import './install-offer.ts'; // listens for beforeinstallprompt from the first moment
import './styles.css';

render(<App />, document.getElementById('app')!);
registerServiceWorker();
