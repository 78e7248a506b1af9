import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { msw } from 'msw/vite';
// @ts-expect-error -- plain .mjs helper shared with the shell scripts; it has no types
import { findChromium } from './scripts/chromium.mjs';

const chromiumPath: string = findChromium() ?? '/usr/bin/chromium';
const react18 = fileURLToPath(new URL('./test/react18/node_modules/', import.meta.url));

// A fresh provider per project: two projects sharing one provider object fail with
// "Cannot define a nested project for a chromium browser".
function chromium() {
  return {
    enabled: true,
    headless: true,
    provider: playwright({
      launchOptions: {
        executablePath: chromiumPath,
        args: ['--disable-gpu', '--disable-dev-shm-usage'],
      },
    }),
    instances: [{ browser: 'chromium' as const }],
  };
}

// The unit and integration suites run twice: against the React in devDependencies (19) and
// against React 18.3 from test/react18, so the peer range we publish is the range we test.
const testingLibraryEsm = fileURLToPath(
  new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url),
);
const react18Alias = [
  // The ESM build goes through Vite (and so through these aliases); the CJS main would
  // require() the root react-dom 19 behind the aliases' back.
  { find: /^@testing-library\/react$/, replacement: testingLibraryEsm },
  { find: /^react-dom(\/.*)?$/, replacement: `${react18}react-dom$1` },
  { find: /^react(\/.*)?$/, replacement: `${react18}react$1` },
];

function nodeSuites(name: 'unit' | 'integration', reactMajor: 18 | 19): TestProjectInlineConfiguration {
  return {
    extends: true,
    ...(reactMajor === 18 ? { resolve: { alias: react18Alias } } : {}),
    test: {
      name: reactMajor === 18 ? `${name}-react18` : name,
      include: [`test/${name}/**/*.test.{ts,tsx}`],
      environment: name === 'unit' ? 'jsdom' : 'node',
      setupFiles: ['test/setup/node.ts'],
      env: { STREAMKIT_EXPECT_REACT: String(reactMajor) },
      // Inline the testing library so its `react` imports go through the alias above.
      server: { deps: { inline: reactMajor === 18 ? [/@testing-library\/react/] : [] } },
    },
  };
}

export default defineConfig({
  plugins: [react()],
  test: {
    restoreMocks: true,
    projects: [
      nodeSuites('unit', 19),
      nodeSuites('unit', 18),
      nodeSuites('integration', 19),
      nodeSuites('integration', 18),
      {
        extends: true,
        plugins: [msw({ mode: 'worker-only' })],
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          setupFiles: ['test/setup/browser.ts'],
          browser: chromium(),
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        // Pre-bundled up front: found only when the Markdown recipe's story file is first imported,
        // it would be optimised mid-run, and Vite's reload fails the story that found it.
        optimizeDeps: { include: ['react-markdown'] },
        test: {
          name: 'storybook',
          browser: chromium(),
          setupFiles: ['.storybook/vitest.setup.ts'],
        },
      },
    ],
  },
});
