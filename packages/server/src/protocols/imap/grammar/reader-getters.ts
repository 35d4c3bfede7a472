/**
 * The `paused` and `bufferedBytes` getters of every command reader (command-reader.ts), on one
 * shared prototype.
 */

/** What the getters of `ReaderGetters` read from each reader. */
export interface ReaderState {
  isPaused(): boolean;
  countBuffered(): number;
}

/**
 * The reader's getters, on a prototype shared by every reader: an object literal with a getter (or one
 * added to a literal of this size) is kept by V8 as a property dictionary, about 470 bytes per session.
 */
export abstract class ReaderGetters implements ReaderState {
  abstract isPaused(): boolean;
  abstract countBuffered(): number;

  get paused(): boolean {
    return this.isPaused();
  }

  get bufferedBytes(): number {
    return this.countBuffered();
  }
}
