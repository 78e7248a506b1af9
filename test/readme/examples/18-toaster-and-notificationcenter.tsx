// Generated from README.md by test/readme/extract-examples.mjs: edit the example in README.md, then run
// `node test/readme/extract-examples.mjs`. Package imports point at the source in this tree.

import '../../../src/styles.css';
import { NotificationCenter, Toaster, notify } from '../../../src/index.js';

export function AppShell() {
  return (
    <header>
      <NotificationCenter url="/api/notifications" clientId="cliente-1" locale="es" align="end" />
      {/* Once per app: notify() and live notifications share its queue. */}
      <Toaster locale="es" />
    </header>
  );
}

export const saved = () => notify({ title: 'Guardado', importance: 'low', type: 'general' });

export {};
