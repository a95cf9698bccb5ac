// When a subscription or a group consumer attaches again: at once on a new connection, and
// after the client's backoff when an attach failed or the broker ended its event stream while
// the connection lived. Attempts count up until one works.
import type { Connection } from './connection.js';
import { connectionLost, FelixError } from './errors.js';

/** What the schedule needs of the subscription or consumer it attaches. */
export interface Reattachable {
  /** For errors: "subscribe orders", "consumer workers on orders". */
  readonly what: string;
  /** False once it closed or failed: nothing more is attached. */
  active(): boolean;
  /** The connection its latest attach went to. */
  attachedTo(): Connection | undefined;
  attach(conn: Connection): Promise<void>;
  fail(error: FelixError): void;
}

export interface ReattachHost {
  /** The live connection, if there is one now. */
  current(): Connection | undefined;
  backoff(attempt: number): number;
  reportError(error: FelixError): void;
}

export class Reattacher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;

  constructor(
    private readonly target: Reattachable,
    private readonly host: ReattachHost,
  ) {}

  /**
   * Attaches on `conn` (unless already there, or `again` says to anyway); retries by itself
   * until it works, the connection goes (the client calls again) or it cannot work.
   */
  resume(conn: Connection, again = false): void {
    const t = this.target;
    if (!t.active() || (!again && t.attachedTo() === conn)) return;
    this.cancel();
    t.attach(conn).then(
      () => {
        this.attempt = 0;
      },
      (err: unknown) => {
        if (!t.active() || t.attachedTo() !== conn) return;
        // Anything but a Felix error is the carrier failing to open the event stream (a socket
        // reset mid-handshake, say): a lost connection for this attach, which is tried again.
        const error = err instanceof FelixError ? err : connectionLost(t.what, false, err);
        this.host.reportError(error);
        if (conn.isLost) return; // the client resumes it on the next connection
        if (error.retry === 'fatal') return t.fail(error);
        this.later();
      },
    );
  }

  /** Attaches again, on whichever connection is live, once the backoff is over. */
  later(): void {
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const now = this.host.current();
        if (now) this.resume(now, true);
      },
      this.host.backoff(this.attempt++),
    );
  }

  /** Drops a retry that is waiting. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
