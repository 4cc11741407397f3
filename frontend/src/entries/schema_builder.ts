// The project form's schema builder and live preview. Without this script the page still works: the schema is
// the JSON field (under "Advanced"), and "Preview the task page" posts the form to draw the preview.

import { SchemaBuilder, type Words } from '../builder/form';
import { parseSchema, serialise, type KindSpec } from '../builder/schema';
import { csrfToken } from '../shared/api';
import { startAudioWidget } from '../widgets/audio_segments';
import { startImageWidget } from '../widgets/image_regions';
import { colourPicker, keepEnterLocal } from '../widgets/regions';
import { startTextWidget } from '../widgets/text_spans';
import './schema_builder.css';

const STARTERS: Record<string, (section: HTMLElement) => unknown> = {
  text: startTextWidget,
  image: startImageWidget,
  audio: startAudioWidget,
};

function jsonScript<T>(id: string, fallback: T): T {
  try {
    return JSON.parse(document.getElementById(id)?.textContent ?? '') as T;
  } catch {
    return fallback;
  }
}

/** Start the label widgets of a freshly drawn preview, as the task page does on load. */
export function startPreviewWidgets(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('section[data-widget]').forEach((section) => {
    if (section.dataset.widgetReady) return;
    section.dataset.widgetReady = 'true';
    colourPicker(section);
    void STARTERS[section.dataset.widget ?? '']?.(section);
  });
}

function startBuilder(section: HTMLElement): void {
  const field = document.getElementById(section.dataset.target ?? '') as HTMLTextAreaElement | null;
  const root = section.querySelector<HTMLElement>('[data-builder-root]');
  const preview = section.querySelector<HTMLElement>('[data-preview]');
  const form = section.closest('form');
  if (!field || !root || !preview || !form) return;
  const words = jsonScript<Words>('builder-words', {});
  const advanced = section.querySelector<HTMLDetailsElement>('details.advanced');
  const schema = parseSchema(field.value) ?? { controls: [] };
  if (advanced && !section.querySelector('.field-error')) advanced.open = false;
  const notice = document.createElement('p');
  notice.className = 'builder-notice';
  notice.setAttribute('role', 'status');
  field.before(notice);

  let timer = 0;
  let asked = 0;
  const refresh = async (): Promise<void> => {
    const body = new FormData();
    body.set('schema', field.value);
    body.set('data_type', (form.querySelector<HTMLSelectElement>('[name="data_type"]')?.value) ?? '');
    const mine = (asked += 1);
    const response = await fetch(section.dataset.previewUrl ?? '', {
      method: 'POST', body, credentials: 'same-origin', headers: { 'X-CSRFToken': csrfToken(form) },
    });
    if (!response.ok || mine !== asked) return;
    const holder = document.createElement('div');
    holder.innerHTML = await response.text();
    preview.querySelector('[data-preview-body]')?.remove();
    preview.append(...Array.from(holder.children));
    startPreviewWidgets(preview);
  };
  const later = (): void => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void refresh(), 300);
  };

  const builder = new SchemaBuilder({
    root,
    kinds: jsonScript<KindSpec[]>('control-kinds', []),
    words,
    schema,
    onChange: (changed) => {
      field.value = serialise(changed);
      notice.textContent = '';
      later();
    },
  });
  field.addEventListener('input', () => {
    const parsed = parseSchema(field.value);
    notice.textContent = parsed ? '' : words.invalid_json ?? '';
    if (parsed) builder.replace(parsed);
    later();
  });
  form.querySelector('[name="data_type"]')?.addEventListener('change', later);
  section.querySelector<HTMLButtonElement>('button[name="preview"]')?.addEventListener('click', (event) => {
    event.preventDefault();
    void refresh().then(() => preview.scrollIntoView({ block: 'start' }));
  });
  keepEnterLocal(preview);
  startPreviewWidgets(preview);
}

document.querySelectorAll<HTMLElement>('[data-schema-builder]').forEach(startBuilder);
