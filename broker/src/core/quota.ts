// Units held per key under a cap per key and a cap over all keys: connections per source
// address, sessions per tenant, and whatever else is counted while it is open (bytes, once
// memory is budgeted). Each grant is a lease that gives its units back exactly once.

export interface Lease {
  /** Gives the units back; later calls do nothing. */
  release(): void;
}

/** Which cap refused a grant. */
export type QuotaRefusal = 'total' | 'per_key';

export class Quota {
  private readonly held = new Map<string, number>();
  private sum = 0;

  constructor(private readonly caps: { total?: number; perKey?: number }) {}

  /** Units held over all keys. */
  get total(): number {
    return this.sum;
  }

  /** Keys holding any units. */
  get keys(): number {
    return this.held.size;
  }

  heldBy(key: string): number {
    return this.held.get(key) ?? 0;
  }

  /** Grants `units` to `key` when both caps leave room, or says which cap does not. */
  acquire(key: string, units = 1): Lease | QuotaRefusal {
    const mine = this.heldBy(key);
    if (this.sum + units > (this.caps.total ?? Number.POSITIVE_INFINITY)) return 'total';
    if (mine + units > (this.caps.perKey ?? Number.POSITIVE_INFINITY)) return 'per_key';
    this.held.set(key, mine + units);
    this.sum += units;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.sum -= units;
        const left = this.heldBy(key) - units;
        // A key holding nothing is forgotten, so keys seen once cost nothing afterwards.
        if (left > 0) this.held.set(key, left);
        else this.held.delete(key);
      },
    };
  }
}

export function isLease(grant: Lease | QuotaRefusal): grant is Lease {
  return typeof grant !== 'string';
}
