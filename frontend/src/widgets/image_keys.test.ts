import { describe, expect, it } from 'vitest';
import { type StageActions, stageKey } from './image_keys';
import { moved, resized } from './image_regions';

const size = { width: 100, height: 50 };

function recorder(): { actions: StageActions; calls: string[] } {
  const calls: string[] = [];
  const actions: StageActions = {
    add: () => { calls.push('add'); },
    step: (by) => { calls.push(`step ${by}`); },
    nudge: (dx, dy) => { calls.push(`nudge ${dx} ${dy}`); },
    resize: (dw, dh) => { calls.push(`resize ${dw} ${dh}`); },
    zoom: (how) => { calls.push(`zoom ${how}`); },
    deselect: () => false,
  };
  return { actions, calls };
}

describe('keys on the image', () => {
  it('add, pick, move by 1 or 10 px, resize and zoom', () => {
    const { actions, calls } = recorder();
    for (const init of [{ key: 'n' }, { key: ']' }, { key: 'ArrowLeft' }, { key: 'ArrowDown', shiftKey: true },
      { key: 'ArrowRight', altKey: true }, { key: '+' }, { key: '0' }]) {
      expect(stageKey(new KeyboardEvent('keydown', init), actions, document)).toBe(true);
    }
    expect(calls).toEqual(['add', 'step 1', 'nudge -1 0', 'nudge 0 10', 'resize 1 0', 'zoom in', 'zoom fit']);
  });

  it('leave a label hotkey, Escape with nothing selected and Ctrl chords alone', () => {
    document.body.innerHTML = '<input type="radio" data-hotkey="n">';
    const { actions, calls } = recorder();
    expect(stageKey(new KeyboardEvent('keydown', { key: 'n' }), actions, document)).toBe(false);
    expect(stageKey(new KeyboardEvent('keydown', { key: 'Escape' }), actions, document)).toBe(false);
    expect(stageKey(new KeyboardEvent('keydown', { key: 'ArrowLeft', ctrlKey: true }), actions, document)).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('moving and resizing a region', () => {
  it('keeps a box inside the image', () => {
    const box = { id: 'b1', label: 'cat', x: 90, y: 0, width: 10, height: 10 };
    expect(moved(box, 5, -3, size)).toEqual({ x: 90, y: 0 });
    expect(moved(box, -10, 3, size)).toEqual({ x: 80, y: 3 });
    expect(resized(box, 5, -20, size)).toEqual({ width: 10, height: 1 });
  });

  it('moves every point of a polygon together, stopping at the edge', () => {
    const polygon = { id: 'p1', label: 'road', points: [[0, 0], [10, 0], [10, 10]] };
    expect(moved(polygon, -5, 2, size)).toEqual({ points: [[0, 2], [10, 2], [10, 12]] });
  });
});
