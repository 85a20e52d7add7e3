/**
 * Appends `items` to `target` in place. `target.push(...items)` passes each item as an argument, and past about
 * 100,000 of them that overflows the stack; a loop has no such limit.
 */
export function append<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
