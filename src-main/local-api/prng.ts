/**
 * A small seedable pseudo-random generator (mulberry32) for reproducible demo data and simulation
 * choices. Not for anything secret.
 */

export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** One item of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A version-4-shaped UUID made of PRNG bits. */
  uuid(): string;
  /**
   * A UUID for a tag: never with 7 or more digits in a row (dashes ignored), so that no personal
   * data check mistakes it for a phone number.
   */
  tagUuid(): string;
}

const PHONE_LIKE = /\d{7,}/;

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const uuid = (): string => {
    const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = ((int(0, 15) & 0x3) | 0x8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return {
    next,
    int,
    uuid,
    tagUuid(): string {
      for (;;) {
        const id = uuid();
        if (!PHONE_LIKE.test(id.replaceAll('-', ''))) return id;
      }
    },
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty array');
      return item;
    },
  };
}
