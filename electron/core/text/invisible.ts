/**
 * Invisible characters that text copied from web pages, Word or mail carries: zero-width spaces, direction marks
 * and overrides, soft hyphens, word joiners, a byte-order mark. Dropped wherever a person's details enter, so an
 * email that looks right is accepted, one name cannot hide as two (search and the duplicate check would miss it),
 * a name of nothing but them counts as blank, and no override can turn the rest of a printed line around. The
 * joiners (ZWJ, ZWNJ) stay: Persian and Indic names and emoji need them.
 */
export const invisible = /[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

export function dropInvisible(text: string): string {
  return text.replace(invisible, '');
}
