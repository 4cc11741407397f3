import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Every file in src/entries/ is a page script of its own: src/entries/academy.ts → academy.js.
const pageEntries = Object.fromEntries(
  readdirSync(new URL('./src/entries/', import.meta.url))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts'))
    .map((name) => [name.replace(/\.ts$/, ''), `src/entries/${name}`]),
);

// Every file in src/styles/ is a style sheet of its own, whatever the scripts share: src/styles/widget_image.css →
// widget_image.css (a library's styles imported by a shared script would land in a chunk named after that script).
const styleEntries = Object.fromEntries(
  readdirSync(new URL('./src/styles/', import.meta.url))
    .filter((name) => name.endsWith('.css'))
    .map((name) => [name.replace(/\.css$/, ''), `src/styles/${name}`]),
);

// Built files are served by Django's staticfiles from datadam/static/datadam/widgets/.
// Names are unhashed so templates can reference them with {% static %} directly;
// manifest.json is still written for cache-busting or tooling that wants it.
export default defineConfig({
  base: '/static/datadam/widgets/',
  build: {
    outDir: '../datadam/static/datadam/widgets',
    emptyOutDir: true,
    manifest: true,
    rolldownOptions: {
      input: {
        app: 'src/app.ts',
        label_form: 'src/widgets/label_form.ts',
        activity: 'src/activity.ts',
        ...pageEntries,
        ...styleEntries,
      },
      onLog(level, log, handler) {
        // htmx uses eval on purpose (hx-on / js: expressions); the warning is not actionable here.
        if (log.code === 'EVAL' && log.id?.includes('node_modules/htmx.org/')) return;
        handler(level, log);
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: '[name].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
