import { describe, expect, it } from 'vitest';
import { activeSection, commandOf } from './tools';

function key(init: KeyboardEventInit, target?: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { ...init, bubbles: true });
  if (target) Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('commandOf', () => {
  it('reads Ctrl+Z as undo and Ctrl+Shift+Z or Ctrl+Y as redo', () => {
    expect(commandOf(key({ key: 'z', ctrlKey: true }))).toBe('undo');
    expect(commandOf(key({ key: 'Z', ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(commandOf(key({ key: 'y', ctrlKey: true }))).toBe('redo');
    expect(commandOf(key({ key: 'z', metaKey: true }))).toBe('undo');
  });

  it('reads Delete as delete, but never inside a text box', () => {
    document.body.innerHTML = '<textarea></textarea><div tabindex="0"></div>';
    expect(commandOf(key({ key: 'Delete' }, document.querySelector('div')!))).toBe('delete');
    expect(commandOf(key({ key: 'Backspace' }, document.querySelector('textarea')!))).toBeNull();
    expect(commandOf(key({ key: 'z' }))).toBeNull();
  });
});

describe('activeSection', () => {
  it('is the widget holding the focus, else the one used last, else the only one', () => {
    document.body.innerHTML = `<section data-tools id="a"><button></button></section>
      <section data-tools id="b" data-last-used="5"></section><section data-tools id="c" data-last-used="9"></section>`;
    expect(activeSection()?.id).toBe('c');
    document.querySelector<HTMLButtonElement>('#a button')!.focus();
    expect(activeSection()?.id).toBe('a');
    document.body.innerHTML = '<section data-tools id="only"></section>';
    expect(activeSection()?.id).toBe('only');
  });
});
