import { describe, expect, it } from 'vitest';
import { History } from './history';

function counter(start = '[]') {
  let value = start;
  let clock = 0;
  // The outline of a state: its words before any quote, as a region list's ids are.
  const source = { read: () => value, restore: (next: string) => { value = next; }, outline: (state: string) => state.replace(/ ".*?"/g, '') };
  const history = new History(source, () => clock);
  return {
    history,
    edit(next: string, after = 1000) {
      clock += after;
      value = next;
      history.note();
    },
    value: () => value,
  };
}

describe('History', () => {
  it('steps back and forward through edits', () => {
    const box = counter();
    box.edit('[b1]');
    box.edit('[b1,b2]');
    expect(box.history.undo()).toBe(true);
    expect(box.value()).toBe('[b1]');
    expect(box.history.undo()).toBe(true);
    expect(box.value()).toBe('[]');
    expect(box.history.undo()).toBe(false);
    expect(box.history.redo()).toBe(true);
    expect(box.value()).toBe('[b1]');
  });

  it('merges quick edits, such as typing, into one step', () => {
    const box = counter();
    box.edit('[g1]');
    box.edit('[g1 "a"]');
    box.edit('[g1 "an"]', 100);
    box.history.undo();
    expect(box.value()).toBe('[g1]');
  });

  it('keeps adding a region a step of its own, however quick', () => {
    const box = counter();
    box.edit('[b1]');
    box.edit('[b1 "moved"]', 100);
    box.edit('[b1 "moved",b2]', 100);
    box.history.undo();
    expect(box.value()).toBe('[b1 "moved"]');
    box.history.undo();
    expect(box.value()).toBe('[b1]');
  });

  it('forgets the undone steps once something new is done', () => {
    const box = counter();
    box.edit('[b1]');
    box.history.undo();
    box.edit('[p1]');
    expect(box.history.canRedo()).toBe(false);
    box.history.undo();
    expect(box.value()).toBe('[]');
  });

  it('takes no step when nothing changed', () => {
    const box = counter();
    box.history.note();
    expect(box.history.canUndo()).toBe(false);
  });
});
