// Progressive enhancement for the server-rendered labeling form (#label-form).
// Without this script the form still works as a normal POST.

import { csrfToken, putJson } from '../shared/api';
import { Autosave, type SaveState } from '../shared/autosave';
import { installKeyboard } from '../shared/keyboard';
import { collectResult, type Result } from '../shared/result';
import { submitOnce } from '../shared/submit_once';

export interface LabelForm {
  autosave: Autosave<Result> | null;
  destroy(): void;
}

const ENHANCED = 'labelFormEnhanced';

export function initLabelForm(form: HTMLFormElement): LabelForm | null {
  if (form.dataset[ENHANCED]) return null; // already initialised
  form.dataset[ENHANCED] = 'true';

  const cleanups: Array<() => void> = [installKeyboard(form)];
  const listen = (target: Window | HTMLFormElement, type: string, handler: (event: Event) => void): void => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  const autosave = createAutosave(form);
  if (autosave) {
    const onEdit = (): void => autosave.schedule();
    listen(form, 'input', onEdit);
    listen(form, 'change', onEdit);
    // The page may be closing: send what is pending with a keepalive request.
    const onExit = (): void => autosave.flush({ keepalive: true });
    listen(window, 'pagehide', onExit);
    listen(window, 'beforeunload', onExit);
  }

  // The submit posts the whole form, so a pending draft save is pointless.
  cleanups.push(submitOnce(form, () => autosave?.cancel()));

  return {
    autosave,
    destroy() {
      autosave?.cancel();
      cleanups.forEach((cleanup) => cleanup());
      delete form.dataset[ENHANCED];
    },
  };
}

function createAutosave(form: HTMLFormElement): Autosave<Result> | null {
  const url = form.dataset.draftUrl;
  if (!url) return null;
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  const messages: Record<SaveState, string | undefined> = {
    saving: form.dataset.msgSaving,
    saved: form.dataset.msgSaved,
    failed: form.dataset.msgFailed,
  };
  return new Autosave<Result>({
    collect: () => collectResult(form),
    save: (result, { keepalive }) => putJson(url, { result }, { keepalive, token: csrfToken(form) }),
    onState: (state) => {
      if (!status) return;
      status.textContent = messages[state] ?? '';
      status.dataset.state = state; // hook for styling
    },
  });
}

function initAll(): void {
  document.querySelectorAll<HTMLFormElement>('form#label-form').forEach((form) => initLabelForm(form));
}

// Module scripts run deferred, but guard anyway in case this is loaded early.
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', initAll, { once: true });
} else {
  initAll();
}
