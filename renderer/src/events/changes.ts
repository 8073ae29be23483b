/**
 * The fields whose value differs from what was loaded, so an edit sends only what the user changed (the change log
 * then records exactly that, and two staff editing different fields do not overwrite each other). Arrays are
 * compared as sets: ticking languages in another order is not a change.
 */
export function changedFields<T extends object>(before: T, after: T): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (!same(before[key], after[key])) changes[key] = after[key];
  }
  return changes;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  }
  return a === b;
}
