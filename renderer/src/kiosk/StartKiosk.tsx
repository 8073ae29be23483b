import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultIdleSeconds, maxIdleSeconds, minIdleSeconds } from '../../../electron/core/kiosk/schema';
import type { Session } from '../../../electron/core/events/schema';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { useLanguage } from '../i18n/use-language';
import { Dialog } from '../ui/Dialog';
import { rememberStaffLanguage, useSetKioskState } from './queries';
import { loadSettings, saveSettings } from '../badges/printer-settings';
import { badgeLayouts, type BadgeLayout } from '../../../electron/core/badges/schema';

/** Staff turn this device into the session's self-service kiosk, choosing the PIN that will let them out again. */
export function StartKiosk({ session, onClose }: { session: Session; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const setKioskState = useSetKioskState();
  const pinId = useId();
  const repeatId = useId();
  const idleId = useId();
  const problemId = useId();
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [idle, setIdle] = useState(String(defaultIdleSeconds));
  const printId = useId();
  const printerId = useId();
  const layoutId = useId();
  const [printing, setPrinting] = useState(false);
  const [printer, setPrinter] = useState(loadSettings);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!/^\d{4,12}$/.test(pin)) return setProblem(t('validation.kioskPin'));
    if (pin !== repeat) return setProblem(t('kiosk.start.mismatch'));
    setBusy(true);
    try {
      const state = await call(api, 'kiosk.enter', {
        sessionId: session.id,
        pin,
        idleSeconds: Number(idle),
        badges: printing ? { printer: printer.printer, layout: printer.layout } : null,
      });
      if (printing) saveSettings(printer);
      rememberStaffLanguage(lang);
      setKioskState(state);
    } catch (error) {
      setProblem(error instanceof ApiCallError ? error.message : t('errors.internal'));
      setBusy(false);
    }
  };

  const describedBy = problem ? problemId : undefined;
  return (
    <Dialog title={t('kiosk.start.title')} subtitle={session.name} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <p className="hint">{t('kiosk.start.explain')}</p>
        <div className="field">
          <label htmlFor={pinId}>{t('kiosk.start.pin')}</label>
          <input
            id={pinId}
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={pin}
            aria-describedby={describedBy}
            onChange={(e) => setPin(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={repeatId}>{t('kiosk.start.repeat')}</label>
          <input
            id={repeatId}
            name="repeat"
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            value={repeat}
            aria-describedby={describedBy}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={idleId}>{t('kiosk.start.idle')}</label>
          <input
            id={idleId}
            name="idleSeconds"
            type="number"
            min={minIdleSeconds}
            max={maxIdleSeconds}
            value={idle}
            onChange={(e) => setIdle(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="checkbox" htmlFor={printId}>
            <input id={printId} type="checkbox" checked={printing} onChange={(e) => setPrinting(e.target.checked)} />
            {t('kiosk.start.printBadges')}
          </label>
        </div>
        {printing && (
          <>
            <div className="field">
              <label htmlFor={printerId}>{t('badges.printer')}</label>
              <input
                id={printerId}
                value={printer.printer}
                maxLength={200}
                onChange={(e) => setPrinter({ ...printer, printer: e.target.value })}
              />
              <p className="hint">{t('badges.printerHint')}</p>
            </div>
            <div className="field">
              <label htmlFor={layoutId}>{t('badges.layout')}</label>
              <select
                id={layoutId}
                value={printer.layout}
                onChange={(e) => setPrinter({ ...printer, layout: e.target.value as BadgeLayout })}
              >
                {badgeLayouts
                  .filter((l) => l !== 'a4-8')
                  .map((l) => (
                    <option key={l} value={l}>
                      {t(`exports.layouts.${l}`)}
                    </option>
                  ))}
              </select>
            </div>
          </>
        )}
        {problem && (
          <p id={problemId} className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {t('kiosk.start.submit')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
