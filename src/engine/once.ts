/** A function of a rule's path (or any object) computed once per object: what the engine derives
 * from a rule is derived once, not for every profile and every solve. */
export function once<K extends object, V>(derive: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = derive(key)));
    return value;
  };
}

interface Level<V> {
  next: WeakMap<object, Level<V>>;
  values: Map<string, V>;
}

/** A cache of values computed once per combination of a rule's objects (held weakly, so they go
 * with the rule) and a name. What derives from one profile is `attached` to it instead. */
export function memo<V>(): (keys: readonly object[], name: string, compute: () => V) => V {
  const root: Level<V> = { next: new WeakMap(), values: new Map() };
  return (keys, name, compute) => {
    let level = root;
    for (const key of keys) {
      let next = level.next.get(key);
      if (!next) level.next.set(key, (next = { next: new WeakMap(), values: new Map() }));
      level = next;
    }
    let value = level.values.get(name);
    if (value === undefined) level.values.set(name, (value = compute()));
    return value;
  };
}

/** A cache of values derived from one of a profile's arrays (its segments, its certifications),
 * kept on that array under a symbol rather than in a weak map: it goes with the array, and a weak
 * map holding a short-lived key costs the garbage collector on every decision. A copy made by
 * spreading the array starts without it, and JSON never shows it. */
export function attached<O extends readonly unknown[], K, V>(name: string): (owner: O, key: K, compute: () => V) => V {
  const slot = Symbol(name);
  return (owner, key, compute) => {
    let cache = (owner as { [slot]?: Map<K, V> })[slot];
    if (!cache) (owner as { [slot]?: Map<K, V> })[slot] = cache = new Map();
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute()));
    return value;
  };
}

/** A value worked out the first time it is asked for. */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) [value, made] = [make(), true];
    return value!;
  };
}
