// The generators check their options when called, not at the first record, and return an iterable
// that starts afresh each time it is iterated: the same records, since everything derives from the seed.
export function reiterable<T>(start: () => Generator<T>): Iterable<T> {
  return { [Symbol.iterator]: start };
}
