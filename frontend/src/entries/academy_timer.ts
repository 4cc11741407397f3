// The evaluation page's countdown: shows the time left next to the deadline, and says once, politely, when
// one minute is left. The server decides what counts as late; this is only a reminder.

export function formatRemaining(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

function start(box: HTMLElement): void {
  const deadline = Date.parse(box.dataset.deadline ?? '');
  const shown = box.querySelector<HTMLElement>('[data-remaining]');
  if (Number.isNaN(deadline) || !shown) return;
  const korean = document.documentElement.lang.startsWith('ko');
  let warned = false;
  const tick = (): void => {
    const left = deadline - Date.now();
    shown.textContent = korean ? `(남은 시간 ${formatRemaining(left)})` : `(${formatRemaining(left)} left)`;
    if (!warned && left <= 60_000) {
      warned = true;
      shown.setAttribute('aria-live', 'polite');
    }
  };
  tick();
  window.setInterval(tick, 1000);
}

const box = document.getElementById('academy-timer');
if (box) start(box);
