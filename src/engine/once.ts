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

/** A cache of values computed once per combination of objects (held weakly, so a profile's entries
 * go with its facts) and a name. */
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

/** A value worked out the first time it is asked for. */
export function lazy<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) [value, made] = [make(), true];
    return value!;
  };
}
