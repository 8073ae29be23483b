import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ui/ErrorNotice';
import { useErasePerson } from './queries';

/**
 * Erasing a person's personal data on request. The confirmation opens in place (a nested modal would share the
 * drawer's Esc and focus handling) and says what goes and what stays before anything is erased.
 */
export function EraseSection({ participantId }: { participantId: string }) {
  const { t } = useTranslation();
  const erase = useErasePerson();
  const [confirming, setConfirming] = useState(false);
  const titleId = useId();
  const confirmId = useId();
  const confirmRef = useRef<HTMLDivElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Focus follows the question: onto it when it opens, back to its button when cancelled.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <section className="drawer-section" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('erase.heading')}</h3>
      {erase.isError && <ErrorNotice error={erase.error} title={t('erase.failed')} />}
      {confirming ? (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby={confirmId}
          className="notice notice-warning erase-confirm"
        >
          <p id={confirmId} className="notice-title">
            {t('erase.question')}
          </p>
          <p>
            <strong>{t('erase.goes')}</strong> {t('erase.goesList')}
          </p>
          <p>
            <strong>{t('erase.stays')}</strong> {t('erase.staysList')}
          </p>
          <div className="form-actions compact">
            <button
              type="button"
              className="button danger"
              onClick={() => {
                if (!erase.isPending) erase.mutate(participantId);
              }}
            >
              {erase.isPending ? t('erase.erasing') : t('erase.confirm')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="hint">{t('erase.intro')}</p>
          <button ref={openRef} type="button" className="button danger" onClick={() => setConfirming(true)}>
            {t('erase.open')}
          </button>
        </>
      )}
    </section>
  );
}

/** What the drawer shows of a person whose data was erased: that it was, and nothing to edit. */
export function ErasedNotice() {
  const { t } = useTranslation();
  return (
    <div className="drawer-section">
      <p role="status" className="notice">
        {t('erase.done')}
      </p>
    </div>
  );
}
