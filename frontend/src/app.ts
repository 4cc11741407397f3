// Site-wide entry: Pico CSS styles plus htmx with Django's CSRF header.

import '@picocss/pico/css/pico.min.css';
import htmx from 'htmx.org';
import { installDisclosures } from './shared/disclosure';
import { installTableScroll } from './shared/table_scroll';

declare global {
  interface Window {
    htmx: typeof htmx;
  }
}

// hx-* attributes in templates expect a global htmx.
window.htmx = htmx;

// The Content-Security-Policy (SECURE_CSP in datadam/settings.py) runs no eval and no inline script, so the
// htmx features that need them stay off: hx-on / js: expressions, and scripts inside swapped fragments.
// The indicator styles htmx would inject as a <style> element live in datadam.css instead.
htmx.config.allowEval = false;
htmx.config.allowScriptTags = false;
htmx.config.includeIndicatorStyles = false;

// Django rejects unsafe methods without the token; htmx requests carry it as a header.
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content;
  const detail = (event as CustomEvent<{ headers: Record<string, string> }>).detail;
  if (token && detail?.headers) detail.headers['X-CSRFToken'] = token;
});

// A button marked data-print prints the page (a pay statement); the print stylesheet hides the rest.
document.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('[data-print]')) window.print();
});

// The app shell's menu button and role groups (templates/_partials/app_header.html).
installDisclosures();

// Wide tables scroll inside their own box, in the page and in every fragment htmx swaps in.
// (A module script runs once the page is parsed, so the page's own tables are all there.)
installTableScroll(document);
document.addEventListener('htmx:load', (event) => {
  if (event.target instanceof Element) installTableScroll(event.target);
});
