/**
 * Folds text for matching, so "jose perez" finds "José Pérez", "muller" finds "Müller", "елкин" finds "Ёлкин" and
 * "محمد" finds "مُحَمَّد": compatibility decomposition (NFKD), diacritics and Arabic vowel marks dropped, case folded,
 * whitespace collapsed. Search indexes, duplicate detection and the roster's name order all use this one function
 * (SQLite calls it too, registered by the driver), so what is stored and what is typed are always folded alike.
 *
 * Thai and other Brahmic vowel and tone marks are kept: there they are part of the letter, not an accent.
 */
export function fold(text: string): string {
  // Plain ASCII has no marks to drop or letters to replace (most emails and many names): lower case and spaces only.
  if (ascii.test(text)) return text.toLowerCase().replace(/\s+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(droppedMarks, '')
    .toLowerCase()
    .replace(letters, (c) => replacements[c] ?? c)
    .replace(/\s+/gu, ' ')
    .trim();
}

// eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
const ascii = /^[\x00-\x7f]*$/;

// Marks shared by many scripts (Unicode's "Inherited" script): combining accents (é, ü, ё, й), Arabic harakat and
// hamza marks, Japanese voicing marks; plus the Arabic tatweel. Marks that belong to one script (Thai vowels) stay.
const droppedMarks = /[\p{Script=Inherited}\u0640]/gu;

// Letters NFKD leaves whole but a person typing on another keyboard writes plainly; Arabic final forms people
// type interchangeably (alef maqsura / yeh, teh marbuta / heh).
const replacements: Record<string, string> = {
  ß: 'ss',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  þ: 'th',
  ى: 'ي',
  ة: 'ه',
};
const letters = new RegExp(`[${Object.keys(replacements).join('')}]`, 'gu');
