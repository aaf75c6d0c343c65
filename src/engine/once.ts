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
