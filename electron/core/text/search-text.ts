import { fold } from './fold';

// Scripts written without spaces between family and given names: 王小明 is family 王 + given 小明.
export const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

// Arabic compound names are written joined or spaced, and people type either: عبدالله / عبد الله, أبوبكر / أبو بكر.
// (Folded, so أبو is ابو.) "Abd" is always followed by the article in a name; "Abu" is split only before it.
const joinedCompound = /(^| )(عبد|ابو) (?=\S)/gu;
const splittableCompound = /(^| )(عبد|ابو)(?=ال)/gu;

/**
 * A person's name, folded, in each way it is written: given then family; for 王小明 also family+given unspaced; for
 * an Arabic compound (عبد الله) also joined, or spaced when it was written joined.
 */
export function nameForms(givenNames: string, familyName: string): string[] {
  const written = fold(`${givenNames} ${familyName}`);
  const forms = [written, written.replace(joinedCompound, '$1$2'), written.replace(splittableCompound, '$1$2 ')];
  if (unspacedScript.test(givenNames) || unspacedScript.test(familyName))
    forms.push(fold(`${familyName}${givenNames}`));
  return [...new Set(forms)];
}

/**
 * What the search indexes hold for one person: the name both ways it is written, the badge name, the organisation
 * and the email, each folded, one per line so a substring never runs from one field into the next.
 * SQLite's triggers call this (as muster_search_text) whenever those fields change.
 */
export function searchText(
  givenNames: string,
  familyName: string,
  badgeName: string,
  organisation: string,
  email: string | null,
): string {
  const lines = [...nameForms(givenNames, familyName), fold(badgeName), fold(organisation), fold(email ?? '')];
  return lines.filter((line) => line.length > 0).join('\n');
}
