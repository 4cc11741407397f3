// Turns the labeling form into the `result` object stored for an assignment.

export type ResultValue = string | string[] | number | unknown[];
export type Result = Record<string, ResultValue>;

/**
 * Reads every `[data-control]` element of the form:
 * - choices, single   -> the checked value; omitted when nothing is checked
 * - choices, multiple -> array of checked values (`[]` when none)
 * - text              -> the string value; omitted when empty
 * - rating            -> the checked number; omitted when nothing is checked
 * - regions           -> the list a widget keeps as JSON in its hidden field; omitted when empty
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
      case 'rating': {
        const checked = control.querySelector<HTMLInputElement>('input[type="radio"]:checked:not(:disabled)');
        if (checked) result[name] = Number(checked.value);
        break;
      }
      case 'regions': {
        const regions = regionsOf(control);
        if (regions.length > 0) result[name] = regions;
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

/** The list a region widget wrote into its hidden field; [] when empty or unreadable. */
export function regionsOf(control: HTMLElement): unknown[] {
  const field = control instanceof HTMLInputElement ? control : control.querySelector<HTMLInputElement>('input');
  if (!field || field.disabled || !field.value) return [];
  try {
    const value: unknown = JSON.parse(field.value);
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}
