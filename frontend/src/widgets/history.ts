// Undo and redo for one widget: snapshots of every control's hidden field, so a step back restores boxes,
// points, spans, relations and segments alike. Edits that come close together and change the same regions
// (typing a transcript, nudging a box with the arrow keys) merge into one step; adding or deleting a region is
// always a step of its own.

export interface Snapshotable {
  read(): string;
  restore(value: string): void;
  /** Which regions a state holds (their ids, say): edits that keep it the same may merge. */
  outline?(value: string): string;
}

const MERGE_MS = 800;

export class History {
  private past: string[] = [];
  private future: string[] = [];
  private current: string;
  private lastNoted = -Infinity;
  private restoring = false;

  constructor(private readonly source: Snapshotable, private readonly now: () => number = Date.now) {
    this.current = source.read();
  }

  /** Call after every edit: keeps the state before it as one step back (merging quick successive edits). */
  note(): void {
    if (this.restoring) return;
    const next = this.source.read();
    if (next === this.current) return;
    const at = this.now();
    if (!this.merges(next, at)) this.past.push(this.current);
    this.lastNoted = at;
    this.current = next;
    this.future = [];
  }

  /** Whether this edit continues the last step: soon after it, on the same regions as both ends of that step. */
  private merges(next: string, at: number): boolean {
    const before = this.past.at(-1);
    if (before === undefined || at - this.lastNoted > MERGE_MS) return false;
    const outline = this.source.outline ?? (() => '');
    return outline(next) === outline(this.current) && outline(before) === outline(this.current);
  }

  canUndo(): boolean {
    return this.past.length > 0;
  }

  canRedo(): boolean {
    return this.future.length > 0;
  }

  undo(): boolean {
    const previous = this.past.pop();
    if (previous === undefined) return false;
    this.future.push(this.current);
    this.apply(previous);
    return true;
  }

  redo(): boolean {
    const next = this.future.pop();
    if (next === undefined) return false;
    this.past.push(this.current);
    this.apply(next);
    return true;
  }

  private apply(state: string): void {
    this.current = state;
    this.lastNoted = -Infinity; // the next edit is a step of its own
    this.restoring = true;
    try {
      this.source.restore(state);
    } finally {
      this.restoring = false;
    }
  }
}
