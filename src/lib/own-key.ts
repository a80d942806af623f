/**
 * What `record` holds under `key` itself, never what every object inherits: a name from the address
 * such as `constructor`, `__proto__` or `toString` would otherwise find Object.prototype's members
 * and hand a function, or the prototype itself, to code that expects a value of the record.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  // Object.hasOwn would say the same, but needs Safari 15.4; the build runs on 14.1 (README "Browser support").
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
