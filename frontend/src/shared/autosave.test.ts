import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave, type SaveState } from './autosave';

/** A save() whose calls can be settled one by one from the test. */
function controllableSave() {
  const calls: Array<{ data: number; keepalive: boolean; resolve: () => void; reject: () => void }> = [];
  const save = vi.fn(
    (data: number, { keepalive }: { keepalive: boolean }) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ data, keepalive, resolve, reject: () => reject(new Error('offline')) });
      }),
  );
  return { save, calls };
}

describe('Autosave', () => {
  let value: number;
  let states: SaveState[];

  beforeEach(() => {
    vi.useFakeTimers();
    value = 0;
    states = [];
  });
  afterEach(() => vi.useRealTimers());

  function make(save: (data: number, o: { keepalive: boolean }) => Promise<unknown>) {
    return new Autosave<number>({ collect: () => value, save, onState: (s) => states.push(s) });
  }

  it('debounces changes for 600 ms and saves the latest data once', () => {
    const { save } = controllableSave();
    const autosave = make(save);
    value = 1;
    autosave.schedule();
    vi.advanceTimersByTime(400);
    value = 2;
    autosave.schedule(); // restarts the 600 ms window
    vi.advanceTimersByTime(599);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save).toHaveBeenCalledWith(2, { keepalive: false });
    expect(states).toEqual(['saving']);
  });

  it('never runs two saves at once and sends only the newest queued state', async () => {
    const { save, calls } = controllableSave();
    const autosave = make(save);
    value = 1;
    autosave.schedule();
    vi.advanceTimersByTime(600);
    value = 2;
    autosave.schedule();
    vi.advanceTimersByTime(600);
    value = 3;
    autosave.schedule();
    vi.advanceTimersByTime(600);
    expect(save).toHaveBeenCalledTimes(1); // 2 and 3 wait for the first

    calls[0].resolve();
    await vi.runAllTimersAsync();
    expect(save).toHaveBeenCalledTimes(2);
    expect(calls[1].data).toBe(3);

    calls[1].resolve();
    await vi.runAllTimersAsync();
    expect(states).toEqual(['saving', 'saving', 'saved']);
    expect(autosave.pending).toBe(false);
  });

  it('reports failure and keeps the change pending', async () => {
    const { save, calls } = controllableSave();
    const autosave = make(save);
    autosave.schedule();
    vi.advanceTimersByTime(600);
    calls[0].reject();
    await vi.runAllTimersAsync();
    expect(states).toEqual(['saving', 'failed']);
    expect(autosave.pending).toBe(true);
  });

  it('flushes immediately with keepalive on page exit, even with a save in flight', () => {
    const { save } = controllableSave();
    const autosave = make(save);
    autosave.schedule();
    vi.advanceTimersByTime(600);
    value = 5;
    autosave.schedule();
    autosave.flush({ keepalive: true });
    expect(save).toHaveBeenLastCalledWith(5, { keepalive: true });
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('does nothing on flush or after cancel when nothing is pending', () => {
    const { save } = controllableSave();
    const autosave = make(save);
    autosave.flush({ keepalive: true });
    autosave.schedule();
    autosave.cancel();
    vi.advanceTimersByTime(5000);
    autosave.flush({ keepalive: true });
    expect(save).not.toHaveBeenCalled();
  });
});
