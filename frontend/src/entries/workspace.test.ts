import { describe, expect, it } from 'vitest';
import { installFullScreen, installShortcuts } from './workspace';

describe('the shortcut list', () => {
  it('opens with ? outside text boxes, closes with its button, and gives the focus back', () => {
    document.body.innerHTML = `<button id="stage">stage</button><textarea></textarea>
      <dialog data-shortcuts><button data-shortcuts-close>Close</button></dialog>`;
    installShortcuts(document);
    const dialog = document.querySelector('dialog')!;
    document.querySelector('textarea')!.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    expect(dialog.open).toBe(false);
    const stage = document.getElementById('stage')!;
    stage.focus();
    stage.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }));
    expect(dialog.open).toBe(true);
    expect(document.activeElement).toBe(dialog.querySelector('[data-shortcuts-close]'));
    dialog.querySelector<HTMLButtonElement>('[data-shortcuts-close]')!.click();
    expect(dialog.open).toBe(false);
  });
});

describe('full screen', () => {
  it('fills the window at the press of its button and leaves on Escape', () => {
    document.body.innerHTML = '<div data-workspace><button data-full-screen aria-pressed="false"></button></div>';
    const workspace = document.querySelector<HTMLElement>('[data-workspace]')!;
    installFullScreen(workspace);
    workspace.querySelector<HTMLButtonElement>('[data-full-screen]')!.click();
    expect(workspace.classList.contains('is-full')).toBe(true);
    expect(workspace.querySelector('[data-full-screen]')!.getAttribute('aria-pressed')).toBe('true');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(workspace.classList.contains('is-full')).toBe(false);
  });
});
