// Drawing by keyboard on the image: the stage takes focus; N adds a shape in the middle with the picked label,
// [ and ] select the previous or next shape, arrows move it (Shift: 10 px), Alt+arrows resize a box,
// + − 0 zoom, Escape lets go of the selection.

import type { ZoomHow } from './image_view';
import { isTextField } from '../shared/keyboard';
import { isLabelHotkey } from './regions';

export interface StageActions {
  add(): void;
  step(by: 1 | -1): void;
  nudge(dx: number, dy: number): void;
  resize(dw: number, dh: number): void;
  zoom(how: ZoomHow): void;
  /** Let go of the selection; false when there was none (Escape then leaves full screen). */
  deselect(): boolean;
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
};
const KEYS: Record<string, (actions: StageActions) => boolean | void> = {
  n: (a) => a.add(), N: (a) => a.add(), '[': (a) => a.step(-1), ']': (a) => a.step(1),
  '+': (a) => a.zoom('in'), '=': (a) => a.zoom('in'), '-': (a) => a.zoom('out'), '0': (a) => a.zoom('fit'),
  Escape: (a) => a.deselect(),
};

/** Handle one key press on the focused stage; true when it was ours. */
export function stageKey(event: KeyboardEvent, actions: StageActions, root: ParentNode = document): boolean {
  if (event.ctrlKey || event.metaKey || event.isComposing) return false;
  const arrow = ARROWS[event.key];
  if (arrow) {
    const step = event.shiftKey ? 10 : 1;
    if (event.altKey) actions.resize(arrow[0] * step, arrow[1] * step);
    else actions.nudge(arrow[0] * step, arrow[1] * step);
    return true;
  }
  const run = KEYS[event.key];
  if (!run || event.altKey || isLabelHotkey(event.key, root)) return false;
  return run(actions) !== false;
}

export function keyboardStage(stage: HTMLElement, label: string, helpId: string | undefined, actions: StageActions): void {
  stage.tabIndex = 0;
  stage.setAttribute('role', 'group');
  stage.setAttribute('aria-label', label);
  stage.setAttribute('aria-keyshortcuts', 'N [ ] ArrowLeft ArrowRight ArrowUp ArrowDown Alt+ArrowRight Alt+ArrowDown');
  if (helpId) stage.setAttribute('aria-describedby', helpId);
  stage.addEventListener('keydown', (event) => {
    // The focus may sit on the selected shape's editor inside the stage; form fields keep their keys.
    if (!(event.target instanceof Element) || !stage.contains(event.target) || isTextField(event.target)) return;
    if (stageKey(event, actions, stage.closest('form') ?? document)) event.preventDefault();
  });
}
