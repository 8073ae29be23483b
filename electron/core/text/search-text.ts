import { fold } from './fold';

// Scripts written without spaces between family and given names: 王小明 is family 王 + given 小明.
export const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** A person's name, folded, in each order it is written: given then family, and for 王小明 also family+given unspaced. */
export function nameForms(givenNames: string, familyName: string): string[] {
  const forms = [fold(`${givenNames} ${familyName}`)];
  if (unspacedScript.test(givenNames) || unspacedScript.test(familyName))
    forms.push(fold(`${familyName}${givenNames}`));
  return forms;
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
