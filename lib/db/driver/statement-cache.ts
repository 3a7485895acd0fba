// The one statement cache: statements are constants of the data-access modules (or built
// from a few fragments), a bounded set of texts, so each is prepared once per connection
// (SQLite) or named once and planned once per connection (PostgreSQL), then reused.

/** `make(text)` once per distinct text, then the same result. */
export function statementCache<T>(make: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let found = cache.get(text);
    if (found === undefined) cache.set(text, (found = make(text)));
    return found;
  };
}
