// A segment's sparse index in memory: which record starts where, for the first record and then
// every `spacing` bytes of records. The spec's rule (an entry for a record once at least
// `spacing` bytes of records have been written since the previous entry) is applied both while
// appending and while rebuilding from a segment, so a rebuilt index file is byte-identical to
// the one written while appending.
import type { IndexPoint } from './format.js';

export interface SparseIndexState {
  offsets: number[];
  positions: number[];
  bytesSinceEntry: number;
}

export class SparseIndex {
  private offsets: number[] = [];
  private positions: number[] = [];
  private bytesSinceEntry = 0;

  constructor(private readonly spacing: number) {}

  /** An index rebuilt elsewhere (a recovery scan in a worker thread), from its state(). */
  static restore(spacing: number, state: SparseIndexState): SparseIndex {
    const index = new SparseIndex(spacing);
    index.offsets = state.offsets;
    index.positions = state.positions;
    index.bytesSinceEntry = state.bytesSinceEntry;
    return index;
  }

  /** What restore() needs, as plain data a worker thread can post. */
  state(): SparseIndexState {
    return { offsets: this.offsets, positions: this.positions, bytesSinceEntry: this.bytesSinceEntry };
  }

  get length(): number {
    return this.offsets.length;
  }

  /** Notes a record; returns the entry made for it, if the rule makes one. */
  observe(offset: number, position: number, recordBytes: number): IndexPoint | undefined {
    let entry: IndexPoint | undefined;
    if (this.offsets.length === 0 || this.bytesSinceEntry >= this.spacing) {
      this.offsets.push(offset);
      this.positions.push(position);
      this.bytesSinceEntry = 0;
      entry = { offset, position };
    }
    this.bytesSinceEntry += recordBytes;
    return entry;
  }

  /** The last indexed record at or before `offset`, or undefined when there is none. */
  seek(offset: number): IndexPoint | undefined {
    let lo = 0;
    let hi = this.offsets.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.offsets[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : { offset: this.offsets[found], position: this.positions[found] };
  }

  /** A point to come back to if what follows is undone. */
  mark(): { entries: number; bytesSinceEntry: number } {
    return { entries: this.offsets.length, bytesSinceEntry: this.bytesSinceEntry };
  }

  rollback(mark: { entries: number; bytesSinceEntry: number }): void {
    this.offsets.length = mark.entries;
    this.positions.length = mark.entries;
    this.bytesSinceEntry = mark.bytesSinceEntry;
  }

  entries(): IndexPoint[] {
    return this.offsets.map((offset, i) => ({ offset, position: this.positions[i] }));
  }
}
