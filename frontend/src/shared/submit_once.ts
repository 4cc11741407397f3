// A form posts once: a second Enter or click before the next page arrives must not post it again.

/**
 * Lets the first submit of the form through and stops the ones after it; `onSubmit` runs for the one let through.
 * Returns a function that removes the guard.
 */
export function submitOnce(form: HTMLFormElement, onSubmit: () => void = () => {}): () => void {
  let submitted = false;
  const onFormSubmit = (event: Event): void => {
    if (event.defaultPrevented) return;
    if (submitted) {
      event.preventDefault();
      return;
    }
    submitted = true;
    onSubmit();
    // Disable after this event: a disabled submitter would drop its name/value
    // from the data being posted right now.
    setTimeout(() => setSubmitButtonsDisabled(form, true), 0);
  };
  // Coming back via the back/forward cache restores the disabled buttons; undo that.
  const onPageShow = (event: Event): void => {
    if ((event as PageTransitionEvent).persisted && submitted) {
      submitted = false;
      setSubmitButtonsDisabled(form, false);
    }
  };
  form.addEventListener('submit', onFormSubmit);
  window.addEventListener('pageshow', onPageShow);
  return () => {
    form.removeEventListener('submit', onFormSubmit);
    window.removeEventListener('pageshow', onPageShow);
  };
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
