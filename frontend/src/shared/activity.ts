// Active time on a labeling or review page, for the fair-pay figures.
//
// A second counts when, at its end, the page is visible and focused AND the person used the keyboard,
// mouse or touch screen within the last N seconds (N from data-idle-seconds on <body> or on a form,
// 60 by default). Opening the page counts as input: the click or key that opened it was one, and the
// first seconds are spent reading.
//
// The whole seconds are written into every input[name="active_seconds"] on the page each second, and
// again as a form is submitted; a script that submits with fetch reads `seconds` instead. The server
// never stores more than the time the task was held, so this count is a report, not a claim.

export const DEFAULT_IDLE_SECONDS = 60;
const TICK_MS = 1000;
const INPUT_EVENTS = ['keydown', 'mousedown', 'mousemove', 'pointerdown', 'wheel', 'touchstart'];
const LISTEN = { capture: true, passive: true } as const;

export interface ActivityClock {
  /** Active whole seconds so far. */
  readonly seconds: number;
  stop(): void;
}

/** N, from data-idle-seconds on <body> or a form; anything but a positive number gives the default. */
export function idleSecondsOf(doc: Document): number {
  const raw =
    doc.body?.dataset.idleSeconds ?? doc.querySelector<HTMLElement>('form[data-idle-seconds]')?.dataset.idleSeconds;
  const value = Number(raw);
  return raw && Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_SECONDS;
}

export function startActivityClock(doc: Document = document): ActivityClock {
  const idleMs = idleSecondsOf(doc) * 1000;
  let seconds = 0;
  let lastInput = Date.now();

  const onInput = (): void => {
    lastInput = Date.now();
  };
  const isActive = (): boolean =>
    doc.visibilityState === 'visible' && doc.hasFocus() && Date.now() - lastInput <= idleMs;
  const write = (): void => {
    doc.querySelectorAll<HTMLInputElement>('input[name="active_seconds"]').forEach((input) => {
      input.value = String(seconds);
    });
  };
  const timer = setInterval(() => {
    if (!isActive()) return;
    seconds += 1;
    write();
  }, TICK_MS);

  INPUT_EVENTS.forEach((type) => doc.addEventListener(type, onInput, LISTEN));
  doc.addEventListener('submit', write, true);
  write();

  return {
    get seconds() {
      return seconds;
    },
    stop() {
      clearInterval(timer);
      INPUT_EVENTS.forEach((type) => doc.removeEventListener(type, onInput, LISTEN));
      doc.removeEventListener('submit', write, true);
    },
  };
}
