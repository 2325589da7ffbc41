/**
 * Immutable set and map updates for the state classes: each returns a new collection (state
 * holds them as `$state.raw` and replaces them), so no reactive Set or Map is needed. Pure.
 */

export const NO_KEYS: ReadonlySet<string> = new Set();
export const NO_ENTRIES: ReadonlyMap<string, never> = new Map<string, never>();

export function withKeys(set: ReadonlySet<string>, keys: Iterable<string>): ReadonlySet<string> {
  return new Set([...set, ...keys]);
}

export function withoutKey(set: ReadonlySet<string>, key: string): ReadonlySet<string> {
  return new Set([...set].filter((k) => k !== key));
}

export function toggleKey(set: ReadonlySet<string>, key: string): ReadonlySet<string> {
  return set.has(key) ? withoutKey(set, key) : withKeys(set, [key]);
}

/** Only the keys `keep` accepts (the same set when nothing goes). */
export function keepKeys(
  set: ReadonlySet<string>,
  keep: (key: string) => boolean,
): ReadonlySet<string> {
  return [...set].every(keep) ? set : new Set([...set].filter(keep));
}

/** A map without the keys `drop` names (the same map when nothing goes). */
export function withoutEntries<V>(
  map: ReadonlyMap<string, V>,
  drop: (key: string) => boolean,
): ReadonlyMap<string, V> {
  return [...map.keys()].some(drop) ? new Map([...map].filter(([k]) => !drop(k))) : map;
}

export function withEntries<V>(
  map: ReadonlyMap<string, V>,
  entries: Iterable<readonly [string, V]>,
): ReadonlyMap<string, V> {
  return new Map([...map, ...entries]);
}

/** Items whose id is not in `exclude`, first occurrence of each id only, in order. */
export function uniqueExcept<T extends { readonly id: string }>(
  items: Iterable<T>,
  exclude: Iterable<string>,
): T[] {
  const seen = new Set(exclude);
  const result: T[] = [];
  for (const item of items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    result.push(item);
  }
  return result;
}

/** The distinct strings of several lists, in first-seen order. */
export function distinct(...lists: Iterable<string>[]): string[] {
  const seen = new Set<string>();
  for (const list of lists) for (const item of list) seen.add(item);
  return [...seen];
}
