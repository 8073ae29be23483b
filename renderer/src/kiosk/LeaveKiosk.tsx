import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';

/** Staff leave the kiosk with its PIN. A wrong PIN says so; too many say how long to wait. */
export function LeaveKiosk({ onCancel, onLeft }: { onCancel: () => void; onLeft: (eventId: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const pinId = useId();
  const problemId = useId();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const left = await call(api, 'kiosk.leave', { pin });
      onLeft(left.eventId);
    } catch (error) {
      setPin('');
      const code = error instanceof ApiCallError ? error.code : 'internal';
      const wait = error instanceof ApiCallError ? error.details.retryAfterSeconds : undefined;
      if (code === 'rate_limited' || wait)
        setProblem(t('kiosk.leave.wait', { count: wait ?? 0, seconds: formatNumber(wait ?? 0, lang) }));
      else if (code === 'forbidden') setProblem(t('kiosk.leave.wrong'));
      else setProblem(t('errors.internal'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="kiosk-panel">
      <h1 className="kiosk-title">{t('kiosk.leave.title')}</h1>
      <form className="kiosk-pin" onSubmit={(e) => void submit(e)}>
        <label htmlFor={pinId}>{t('kiosk.leave.pin')}</label>
        <input
          id={pinId}
          className="kiosk-name"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          // The staff member came here to type it.
          autoFocus
          value={pin}
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          onChange={(e) => setPin(e.target.value)}
        />
        {problem && (
          <p id={problemId} className="kiosk-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="kiosk-actions">
          <button type="submit" className="button primary kiosk-primary" disabled={busy}>
            {t('kiosk.leave.submit')}
          </button>
          <button type="button" className="button kiosk-secondary" onClick={onCancel}>
            {t('kiosk.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
