// Turns the labeling form into the `result` object stored for an assignment.

export type ResultValue = string | string[];
export type Result = Record<string, ResultValue>;

/**
 * Reads every `[data-control]` element of the form:
 * - choices, single   -> the checked value; omitted when nothing is checked
 * - choices, multiple -> array of checked values (`[]` when none)
 * - text              -> the string value; omitted when empty
 * Disabled inputs are skipped, matching what a normal form POST sends.
 */
export function collectResult(form: HTMLFormElement): Result {
  const result: Result = {};
  for (const control of form.querySelectorAll<HTMLElement>('[data-control]')) {
    const name = control.dataset.control;
    if (!name) continue;
    switch (control.dataset.controlType) {
      case 'choices': {
        const checked = Array.from(
          control.querySelectorAll<HTMLInputElement>('input[type="radio"], input[type="checkbox"]'),
        )
          .filter((input) => input.checked && !input.disabled)
          .map((input) => input.value);
        if (control.dataset.multiple === 'true') {
          result[name] = checked;
        } else if (checked.length > 0) {
          result[name] = checked[0];
        }
        break;
      }
      case 'text': {
        const field = textFieldOf(control);
        if (field && !field.disabled && field.value !== '') {
          result[name] = field.value;
        }
        break;
      }
      // Unknown control types are ignored so newer server templates don't break older bundles.
    }
  }
  return result;
}

/** The control itself when it is a field, otherwise the first field inside it. */
function textFieldOf(control: HTMLElement): HTMLInputElement | HTMLTextAreaElement | null {
  if (control instanceof HTMLTextAreaElement || control instanceof HTMLInputElement) return control;
  return control.querySelector<HTMLInputElement | HTMLTextAreaElement>('textarea, input');
}
