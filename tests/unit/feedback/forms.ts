import type { Core } from '../../../electron/core/context';
import { ok } from '../helpers';

/**
 * An event's feedback form with one question of each kind (a rating, a choice of day, free text), worded in English
 * and French, open and named: what the erasure tests need, since only a named respondent's words are theirs.
 */
export async function namedForm(
  core: Core,
  eventId: string,
): Promise<{ rating: string; choice: string; text: string }> {
  const both = (en: string) => ({ en, fr: `${en} (fr)` });
  await ok(core, 'feedback.addQuestion', { eventId, kind: 'rating', prompt: both('Useful?') });
  await ok(core, 'feedback.addQuestion', {
    eventId,
    kind: 'choice',
    prompt: both('Best day?'),
    options: [
      { key: 'day-1', label: both('Day 1') },
      { key: 'day-2', label: both('Day 2') },
    ],
  });
  await ok(core, 'feedback.addQuestion', { eventId, kind: 'text', prompt: both('Comments?') });
  const form = await ok(core, 'feedback.settings', { eventId, open: true, anonymous: false });
  const [rating, choice, text] = form.questions.map((q) => q.id) as [string, string, string];
  return { rating, choice, text };
}
