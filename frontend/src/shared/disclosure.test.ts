import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installDisclosures } from './disclosure';

let uninstall: () => void;

function button(id: string): HTMLButtonElement {
  return document.querySelector<HTMLButtonElement>(`[aria-controls="${id}"]`)!;
}

beforeEach(() => {
  document.body.innerHTML = `
    <nav>
      <button data-disclosure aria-controls="menu" aria-expanded="false">Menu</button>
      <div id="menu">
        <ul>
          <li><button data-disclosure aria-controls="work" aria-expanded="false">Work</button>
            <ul id="work"><li><a href="#jobs" id="jobs">Jobs</a></li></ul></li>
          <li><button data-disclosure aria-controls="money" aria-expanded="false">Money</button>
            <ul id="money"><li><a href="#pay" id="pay">Pay</a></li></ul></li>
        </ul>
      </div>
    </nav>
    <main><a href="#x" id="outside">Elsewhere</a></main>`;
  uninstall = installDisclosures(document);
});

afterEach(() => uninstall());

describe('disclosure buttons', () => {
  it('open and close with a click, saying so in aria-expanded', () => {
    button('menu').click();
    expect(button('menu').getAttribute('aria-expanded')).toBe('true');
    button('menu').click();
    expect(button('menu').getAttribute('aria-expanded')).toBe('false');
  });

  it('opening a group closes the other group but keeps the menu around them open', () => {
    button('menu').click();
    button('work').click();
    button('money').click();
    expect(button('work').getAttribute('aria-expanded')).toBe('false');
    expect(button('money').getAttribute('aria-expanded')).toBe('true');
    expect(button('menu').getAttribute('aria-expanded')).toBe('true');
  });

  it('Escape closes the innermost open one and gives its button the focus', () => {
    button('menu').click();
    button('work').click();
    document.getElementById('jobs')!.focus();
    document.getElementById('jobs')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(button('work').getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button('work'));
    expect(button('menu').getAttribute('aria-expanded')).toBe('true');
  });

  it('focus moving out of the header closes what was open', () => {
    button('menu').click();
    button('work').click();
    document.getElementById('outside')!.focus();
    expect(button('menu').getAttribute('aria-expanded')).toBe('false');
    expect(button('work').getAttribute('aria-expanded')).toBe('false');
  });
});
