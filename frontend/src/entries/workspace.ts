// The labeling workspace around the widgets: the shortcut list (? opens it, Escape closes it) and full screen.

import { isTextField } from '../shared/keyboard';

export function installShortcuts(root: ParentNode = document): void {
  const dialog = root.querySelector<HTMLDialogElement>('dialog[data-shortcuts]');
  if (!dialog) return;
  let opener: HTMLElement | null = null;
  const open = (): void => {
    if (dialog.open) return;
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-shortcuts-close]')?.focus();
  };
  // The browser closes a modal dialog on Escape by itself; focus goes back to where the worker was.
  dialog.addEventListener('close', () => opener?.focus());
  dialog.querySelector('[data-shortcuts-close]')?.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); }); // the backdrop
  root.querySelectorAll('[data-shortcuts-open]').forEach((button) => button.addEventListener('click', open));
  document.addEventListener('keydown', (event) => {
    if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || isTextField(event.target)) return;
    event.preventDefault();
    open();
  });
}

/** Full screen: the workspace fills the window (and the screen, where the browser allows it); Escape leaves. */
export function installFullScreen(workspace: HTMLElement): void {
  const button = workspace.querySelector<HTMLButtonElement>('[data-full-screen]');
  if (!button) return;
  const set = (on: boolean): void => {
    workspace.classList.toggle('is-full', on);
    button.setAttribute('aria-pressed', String(on));
    document.documentElement.classList.toggle('workspace-full', on);
    fitToWindow(workspace);
  };
  button.addEventListener('click', () => {
    const on = !workspace.classList.contains('is-full');
    set(on);
    // Phones without the Fullscreen API (iPhone Safari) keep the in-window mode; that is enough to work in.
    if (on && workspace.requestFullscreen && !document.fullscreenElement) workspace.requestFullscreen().catch(() => undefined);
    if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  });
  document.addEventListener('fullscreenchange', () => {
    if (!document.fullscreenElement && workspace.classList.contains('is-full')) set(false);
    else fitToWindow(workspace);
  });
  document.addEventListener('keydown', (event) => {
    const dialogOpen = workspace.querySelector('dialog[open]');
    if (event.key === 'Escape' && !event.defaultPrevented && !dialogOpen && workspace.classList.contains('is-full')) set(false);
  });
}

/** The height the item may take: from where it starts down to the submit bar, so both are in view at once.
 * Widgets that fit their item to this room (the image's zoom to fit) are told when it changes. */
export function fitToWindow(workspace: HTMLElement): void {
  const stage = workspace.querySelector<HTMLElement>('.widget-stage');
  if (!stage) return;
  const bar = workspace.querySelector<HTMLElement>('.action-bar');
  const scrolled = workspace.classList.contains('is-full') ? workspace.scrollTop : window.scrollY;
  const top = stage.getBoundingClientRect().top + scrolled;
  const room = window.innerHeight - top - (bar?.offsetHeight ?? 0) - 16;
  workspace.style.setProperty('--stage-room', `${Math.max(MIN_ROOM, Math.round(room))}px`);
  workspace.querySelectorAll('section[data-widget]').forEach((section) => section.dispatchEvent(new Event('workspace-resized')));
}

const MIN_ROOM = 224; // px: below this the item scrolls past the bar rather than shrink to nothing

function start(): void {
  installShortcuts();
  const workspace = document.querySelector<HTMLElement>('[data-workspace]');
  if (!workspace) return;
  installFullScreen(workspace);
  fitToWindow(workspace);
  window.addEventListener('resize', () => fitToWindow(workspace));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
