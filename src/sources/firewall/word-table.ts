/**
 * A table looked up by a word read from a configuration, without a prototype: `constructor`, `toString` or
 * `__proto__` written in a file is then an unknown word like any other instead of Object.prototype's function
 * (which the parsers took for a protocol number, a port, a list of chains or a priority).
 */
export function wordTable<T>(entries: { readonly [word: string]: T }): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
