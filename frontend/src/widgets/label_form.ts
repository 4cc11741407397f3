// Progressive enhancement for the server-rendered labeling form (#label-form).
// Without this script the form still works as a normal POST.

import { csrfToken, putJson } from '../shared/api';
import { Autosave, type SaveState } from '../shared/autosave';
import { installKeyboard } from '../shared/keyboard';
import { collectResult, type Result } from '../shared/result';

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

  let submitted = false;
  listen(form, 'submit', (event) => {
    if (event.defaultPrevented) return;
    if (submitted) {
      // A second Enter / click before the page navigates must not post twice.
      event.preventDefault();
      return;
    }
    submitted = true;
    // The submit posts the whole form, so a pending draft save is pointless.
    autosave?.cancel();
    // Disable after this event: a disabled submitter would drop its name/value
    // from the data being posted right now.
    setTimeout(() => setSubmitButtonsDisabled(form, true), 0);
  });

  // Coming back via the back/forward cache restores the disabled buttons; undo that.
  listen(window, 'pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted && submitted) {
      submitted = false;
      setSubmitButtonsDisabled(form, false);
    }
  });

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

function setSubmitButtonsDisabled(form: HTMLFormElement, disabled: boolean): void {
  for (const element of Array.from(form.elements)) {
    const isSubmit =
      (element instanceof HTMLButtonElement || element instanceof HTMLInputElement) && element.type === 'submit';
    if (!isSubmit) continue;
    element.disabled = disabled;
    if (disabled) element.setAttribute('aria-disabled', 'true');
    else element.removeAttribute('aria-disabled');
  }
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
