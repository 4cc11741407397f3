// The widget's tool bar and the keys that act on a whole widget: undo, redo and delete the selected region.
// Keys go to the widget the worker last used (or holds the focus); Ctrl+Z inside a text box stays the box's own.

import { isTextField } from '../shared/keyboard';
import { History } from './history';
import type { RegionField } from './regions';

export interface WidgetActions {
  /** Redraw the widget from its hidden fields (after an undo or redo rewrote them). */
  reload(): void;
  /** Delete the selected region; false when nothing is selected. */
  removeSelected(): boolean;
  hasSelection(): boolean;
}

export interface Tools {
  /** Call when the selection changed, so the Delete button follows it. */
  refresh(): void;
}

type Command = 'undo' | 'redo' | 'delete';
const COMMAND = 'widget-command';

export function installTools(section: HTMLElement, fields: RegionField[], actions: WidgetActions): Tools {
  const history = new History({
    read: () => JSON.stringify(fields.map((field) => field.input.value)),
    restore: (state) => {
      const values = JSON.parse(state) as string[];
      fields.forEach((field, index) => {
        field.input.value = values[index] ?? '[]';
        field.input.dispatchEvent(new Event('input', { bubbles: true })); // the draft autosave follows
      });
      actions.reload();
    },
    outline: (state) => (JSON.parse(state) as string[]).map(idsOf).join('|'),
  });
  const button = (command: Command): HTMLButtonElement | null =>
    section.querySelector<HTMLButtonElement>(`.widget-toolbar [data-tool="${command}"]`);
  const refresh = (): void => {
    const [undo, redo, remove] = [button('undo'), button('redo'), button('delete')];
    if (undo) undo.disabled = !history.canUndo();
    if (redo) redo.disabled = !history.canRedo();
    if (remove) remove.disabled = !actions.hasSelection();
  };
  const run = (command: Command): boolean => {
    const done = command === 'undo' ? history.undo() : command === 'redo' ? history.redo() : actions.removeSelected();
    refresh();
    return done;
  };

  section.addEventListener('input', (event) => {
    if ((event.target as HTMLElement).dataset?.controlType !== 'regions') return;
    history.note();
    refresh();
  });
  for (const command of ['undo', 'redo', 'delete'] as const) {
    button(command)?.addEventListener('click', () => run(command));
  }
  section.addEventListener(COMMAND, (event) => {
    if (run((event as CustomEvent<Command>).detail)) event.preventDefault();
  });
  const noteUse = (): void => { section.dataset.lastUsed = String(performance.now()); };
  section.addEventListener('pointerdown', noteUse);
  section.addEventListener('focusin', noteUse);
  section.dataset.tools = 'true';
  installKeys();
  refresh();
  return { refresh };
}

/** The ids of the regions in one hidden field's JSON, in order. */
function idsOf(json: string): string {
  try {
    const regions: unknown = JSON.parse(json);
    return Array.isArray(regions) ? regions.map((region) => (region as { id?: unknown })?.id).join(',') : '';
  } catch {
    return '';
  }
}

/** The command a key press asks for, or null. Delete and Backspace never count inside a text box. */
export function commandOf(event: KeyboardEvent): Command | null {
  const chord = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (chord && !event.altKey && key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (chord && !event.altKey && key === 'y') return 'redo';
  if (!chord && !event.altKey && (event.key === 'Delete' || event.key === 'Backspace') && !isTextField(event.target)) return 'delete';
  return null;
}

/** The widget a key acts on: the one holding the focus, else the one used last, else the only one. */
export function activeSection(doc: Document = document): HTMLElement | null {
  const focused = doc.activeElement?.closest<HTMLElement>('section[data-tools]');
  if (focused) return focused;
  const all = Array.from(doc.querySelectorAll<HTMLElement>('section[data-tools]'));
  const used = all.filter((section) => section.dataset.lastUsed).sort((a, b) => Number(b.dataset.lastUsed) - Number(a.dataset.lastUsed));
  return used[0] ?? (all.length === 1 ? all[0] : null);
}

function installKeys(): void {
  const root = document.documentElement;
  if (root.dataset.widgetKeys) return;
  root.dataset.widgetKeys = 'true';
  // Capture, so the image library's own Ctrl+Z (a second, separate history) never sees the key.
  window.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    const command = commandOf(event);
    if (!command) return;
    if (command !== 'delete' && isTextField(event.target)) {
      event.stopPropagation(); // the text box's own undo still happens
      return;
    }
    const section = activeSection();
    if (!section) return;
    const handled = !section.dispatchEvent(new CustomEvent(COMMAND, { detail: command, cancelable: true }));
    if (handled || command !== 'delete') {
      event.preventDefault();
      event.stopPropagation();
    }
  }, true);
}
