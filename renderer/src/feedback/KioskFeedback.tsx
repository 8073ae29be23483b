import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import type { Answers } from '../../../electron/core/feedback/schema';
import type { KioskIdentity } from '../../../electron/core/kiosk/schema';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { useLanguage } from '../i18n/use-language';
import { AnswerForm } from './AnswerForm';

export type KioskFeedbackForm = Output<'kiosk.feedbackForm'>;

/** Whether the kiosk's event takes feedback now: asked again at every return to welcome (staff may open it later). */
export function useKioskFeedbackForm(visit: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['kiosk', 'feedback', visit] as const,
    queryFn: () => call(api, 'kiosk.feedbackForm', {}),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

type Outcome = 'thanks' | 'given' | 'cancelled' | 'failed';

/**
 * The evaluation on the kiosk, in the language the attendee chose on the welcome screen. Anonymous forms send no
 * one's id, and the response's own id is a random UUID v4 (no time inside); named ones send the person the kiosk
 * identified. One id per screen, so a double tap or a retry is one response.
 */
export function KioskFeedback({
  form,
  who,
  onOutcome,
  onCancel,
}: {
  form: Extract<KioskFeedbackForm, { open: true }>;
  who: KioskIdentity | null;
  onOutcome: (outcome: Outcome) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const [nonce] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const language = form.languages.includes(lang) ? lang : (form.languages[0] ?? 'en');

  const send = async (answers: Answers) => {
    setBusy(true);
    try {
      await call(api, 'kiosk.feedbackSubmit', {
        id: nonce,
        language,
        answers,
        ...(who && !form.anonymous ? { registrationId: who.registrationId } : {}),
      });
      onOutcome('thanks');
    } catch (error) {
      if (error instanceof ApiCallError && error.details.feedback === 'already_answered') onOutcome('given');
      else if (error instanceof ApiCallError && error.code === 'cancelled') onOutcome('cancelled');
      else onOutcome('failed');
    }
  };

  return (
    <section className="kiosk-panel kiosk-feedback-form">
      <h1 ref={heading} tabIndex={-1} className="kiosk-title">
        {t('kiosk.feedback.title')}
      </h1>
      <p>{form.anonymous ? t('kiosk.feedback.anonymous') : t('kiosk.feedback.named', { name: who?.name ?? '' })}</p>
      <AnswerForm
        questions={form.questions}
        lang={language}
        busy={busy}
        submitLabel={t('kiosk.feedback.send')}
        onSubmit={(answers) => void send(answers)}
        onCancel={onCancel}
        cancelLabel={t('kiosk.cancel')}
      />
    </section>
  );
}
