// Debounced, single-flight saving of a draft.
//
// Rules:
// - schedule() (re)starts a debounce timer; when it fires the latest data is saved.
// - At most one normal save is in flight. If another becomes due meanwhile, it is
//   queued and runs once the current one settles, collecting the data *then*,
//   so only the newest state is sent.
// - flush({keepalive: true}) is for page exit: the page cannot wait, so it sends
//   right away even if a normal save is still in flight.
// - cancel() drops pending work (used when the whole form is being submitted).

export type SaveState = 'saving' | 'saved' | 'failed';

export interface SaveOptions {
  keepalive: boolean;
}

export interface AutosaveOptions<T> {
  collect: () => T;
  save: (data: T, options: SaveOptions) => Promise<unknown>;
  onState?: (state: SaveState) => void;
  /** Debounce delay in milliseconds. */
  delay?: number;
}

export const DEFAULT_DELAY_MS = 600;

export class Autosave<T> {
  private readonly delay: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Changes exist that have not been handed to save() yet. */
  private dirty = false;
  /** A save came due while another was in flight. */
  private queued = false;
  private inFlight = 0;

  constructor(private readonly options: AutosaveOptions<T>) {
    this.delay = options.delay ?? DEFAULT_DELAY_MS;
  }

  /** True while there are unsaved changes (waiting, queued or after a failure). */
  get pending(): boolean {
    return this.dirty || this.queued;
  }

  /** Note a change and (re)start the debounce timer. */
  schedule(): void {
    this.dirty = true;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.delay);
  }

  /** Save now if anything is pending. */
  flush(options: SaveOptions = { keepalive: false }): void {
    this.clearTimer();
    if (!this.pending) return;
    if (this.inFlight > 0 && !options.keepalive) {
      this.queued = true;
      return;
    }
    this.start(options);
  }

  /** Forget pending changes without saving them. */
  cancel(): void {
    this.clearTimer();
    this.dirty = false;
    this.queued = false;
  }

  private start(options: SaveOptions): void {
    this.dirty = false;
    this.queued = false;
    this.inFlight += 1;
    this.emit('saving');

    let promise: Promise<unknown>;
    try {
      promise = Promise.resolve(this.options.save(this.options.collect(), options));
    } catch (error) {
      promise = Promise.reject(error);
    }

    promise.then(
      () => {
        // A queued save will immediately report 'saving'; skip the flicker.
        if (!this.queued) this.emit('saved');
      },
      () => {
        // Keep the changes pending so the next change or page exit retries them.
        this.dirty = true;
        this.emit('failed');
      },
    ).finally(() => {
      this.inFlight -= 1;
      if (this.queued && this.inFlight === 0) this.start({ keepalive: false });
    });
  }

  private emit(state: SaveState): void {
    this.options.onState?.(state);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
