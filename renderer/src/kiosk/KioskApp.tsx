import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionT } from '../i18n/section';
import {
  isSearchableName,
  type KioskIdentity,
  type KioskMatches,
  type KioskState,
  signatureRefusals,
  type SignatureRefusal,
} from '../../../electron/core/kiosk/schema';
import { ApiCallError, call } from '../api/client';
import { useApi } from '../api/context';
import { formatTime } from '../i18n/format';
import { setLanguage, type Language } from '../i18n/language';
import { useLanguage } from '../i18n/use-language';
import { Camera } from './Camera';
import { LeaveKiosk } from './LeaveKiosk';
import { isWholeBadge, useWedgeScanner } from './scanner';
import { useScanKeys } from '../checkin/scan-keys';
import { Signature, type SignatureHandle } from './Signature';
import { newId } from '../../../electron/core/api/ids';
import { KioskFeedback, useKioskFeedbackForm, type KioskFeedbackForm } from '../feedback/KioskFeedback';

type Active = Extract<KioskState, { active: true }>;
type Method = 'qr' | 'search';

/** The kiosk's screens (pretixSCAN's states): each holds only what that screen shows, and all go back to welcome. */
type Screen =
  | { kind: 'welcome' }
  | { kind: 'checking' }
  | { kind: 'confirm'; who: KioskIdentity }
  | { kind: 'sign'; who: KioskIdentity; method: Method; problem?: SignatureRefusal | 'consent' }
  | { kind: 'success'; name: string; at: string; printing: boolean }
  | { kind: 'already'; name: string | null; at: string | null }
  | { kind: 'staff'; reason: 'not_found' | 'cancelled' | 'ambiguous' | 'badge' }
  | { kind: 'error' }
  | { kind: 'leave' }
  // Feedback: the form (who is null when it is anonymous), then thanks, or "you already gave it".
  | { kind: 'feedback'; who: KioskIdentity | null }
  | { kind: 'thanks' }
  | { kind: 'feedbackGiven' };

const endonyms: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  ar: 'العربية',
};

// The same badge still held to the camera as the screen returns to welcome must not be read again at once.
const rescanPauseMs = 8_000;

/**
 * The full-screen self-service kiosk for one event and session. Whatever screen is up, a short idle time brings back
 * the welcome screen in the event's first language, remounted from scratch (`visit`): no name, no text typed, no
 * signature of the previous person survives. Nothing is confirmed before the check-in's commit has answered.
 */
export function KioskApp({ state, onLeft }: { state: Active; onLeft: (eventId: string) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const [screen, setScreen] = useState<Screen>({ kind: 'welcome' });
  const [visit, setVisit] = useState(0);
  // Answers that arrive after the kiosk moved on (idle, a new person) belong to nobody: they are dropped.
  const current = useRef(0);
  const lastScan = useRef<{ text: string; at: number } | null>(null);
  const first = state.languages[0] ?? 'en';
  // After "Give feedback" on a named form, the next badge or name identifies someone to answer, not to check in.
  const [intent, setIntent] = useState<'checkin' | 'feedback'>('checkin');
  const feedback = useKioskFeedbackForm(visit);

  const reset = useCallback(() => {
    current.current += 1;
    setIntent('checkin');
    setScreen({ kind: 'welcome' });
    setVisit((v) => v + 1);
    void setLanguage(first);
  }, [first]);

  // Start in the event's first language.
  useEffect(() => {
    void setLanguage(first);
  }, [first]);

  useIdle(state.idleSeconds, screen.kind === 'welcome', visit, reset);

  const fail = (error: unknown, who: KioskIdentity | null) => {
    const code = error instanceof ApiCallError ? error.code : 'internal';
    switch (code) {
      case 'already_checked_in':
        return setScreen({
          kind: 'already',
          name: who?.name ?? null,
          at: error instanceof ApiCallError ? (error.details.firstCheckIn?.at ?? null) : null,
        });
      case 'not_found':
        return setScreen({ kind: 'staff', reason: 'not_found' });
      case 'cancelled':
        return setScreen({ kind: 'staff', reason: 'cancelled' });
      case 'invalid_badge':
        return setScreen({ kind: 'staff', reason: 'badge' });
      default:
        return setScreen({ kind: 'error' });
    }
  };

  const commit = async (
    who: KioskIdentity,
    method: Method,
    nonce: string,
    extras: { signature?: string; consent?: { noticeVersion: string } } = {},
  ) => {
    const mine = current.current;
    setScreen({ kind: 'checking' });
    try {
      const done = await call(api, 'kiosk.checkIn', {
        id: nonce,
        registrationId: who.registrationId,
        method,
        ...extras,
      });
      if (mine !== current.current) return;
      const { badges } = state;
      if (badges) {
        // The badges domain logs the print and the desktop app's shell prints it silently on this kiosk's printer;
        // a print that fails leaves the check-in as it is (staff reprint from the desk).
        void call(api, 'badge.print', {
          id: newId(),
          registrationId: who.registrationId,
          layout: badges.layout,
          printer: badges.printer,
        }).catch(() => undefined);
      }
      setScreen({ kind: 'success', name: done.name, at: done.at, printing: badges !== null });
    } catch (error) {
      if (mine !== current.current) return;
      const key = error instanceof ApiCallError ? error.issues[0]?.key : undefined;
      const signature = signatureRefusals.find((refusal) => refusal === key);
      if (signature) return setScreen({ kind: 'sign', who, method, problem: signature });
      if (key === 'consentRequired') return setScreen({ kind: 'sign', who, method, problem: 'consent' });
      fail(error, who);
    }
  };

  /** What the person still has to do once known: nothing (check in now), agree and/or sign, or nothing at all. */
  const proceed = (who: KioskIdentity, method: Method) => {
    if (intent === 'feedback') return setScreen({ kind: 'feedback', who });
    if (who.checkedInAt) return setScreen({ kind: 'already', name: who.name, at: who.checkedInAt });
    if (who.needsConsent || state.signatureRequired) return setScreen({ kind: 'sign', who, method });
    void commit(who, method, crypto.randomUUID());
  };

  const identify = async (who: { scan: string } | { registrationId: string }, next: (found: KioskIdentity) => void) => {
    const mine = current.current;
    setScreen({ kind: 'checking' });
    try {
      const found = await call(api, 'kiosk.identify', { who });
      if (mine === current.current) next(found);
    } catch (error) {
      if (mine === current.current) fail(error, null);
    }
  };

  const onScan = (text: string) => {
    const now = Date.now();
    const last = lastScan.current;
    if (last && last.text === text && now - last.at < rescanPauseMs) return;
    lastScan.current = { text, at: now };
    void identify({ scan: text }, (found) => proceed(found, 'qr'));
  };

  const welcome = screen.kind === 'welcome';
  useWedgeScanner(welcome, onScan);

  return (
    <div className="kiosk" data-screen={screen.kind}>
      <main className="kiosk-main" key={visit}>
        <ScreenView
          screen={screen}
          state={state}
          onScan={onScan}
          onChoose={(registrationId) =>
            void identify({ registrationId }, (found) =>
              found.checkedInAt && intent === 'checkin'
                ? proceed(found, 'search')
                : setScreen({ kind: 'confirm', who: found }),
            )
          }
          intent={intent}
          feedback={feedback.data ?? null}
          onFeedback={() => {
            if (feedback.data?.open && feedback.data.anonymous) setScreen({ kind: 'feedback', who: null });
            else setIntent((i) => (i === 'feedback' ? 'checkin' : 'feedback'));
          }}
          onFeedbackOutcome={(outcome) => {
            if (outcome === 'thanks') setScreen({ kind: 'thanks' });
            else if (outcome === 'given') setScreen({ kind: 'feedbackGiven' });
            else if (outcome === 'cancelled') setScreen({ kind: 'staff', reason: 'cancelled' });
            else setScreen({ kind: 'error' });
          }}
          onAmbiguous={() => setScreen({ kind: 'staff', reason: 'ambiguous' })}
          onConfirm={(who) => proceed(who, 'search')}
          onCommit={(who, method, nonce, extras) => void commit(who, method, nonce, extras)}
          onDone={reset}
          onLeft={onLeft}
        />
      </main>
      <footer className="kiosk-footer">
        <span>
          {state.eventTitle} · {state.sessionName}
        </span>
        {screen.kind !== 'leave' && (
          <button type="button" className="button kiosk-staff" onClick={() => setScreen({ kind: 'leave' })}>
            {t('kiosk.staff')}
          </button>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {announcement(screen, t, lang, state)}
        </p>
      </footer>
    </div>
  );
}

type T = SectionT<'kiosk'>;

/** The heading of each screen, said again in the live region so a screen reader hears every change of state. */
function announcement(screen: Screen, t: T, lang: Language, state: Active): string {
  switch (screen.kind) {
    case 'welcome':
      return t('kiosk.welcome.title');
    case 'checking':
      return t('kiosk.checking');
    case 'confirm':
      return t('kiosk.confirm.title', { name: screen.who.name });
    case 'sign':
      return t('kiosk.sign.title', { name: screen.who.name });
    case 'success':
      return `${t('kiosk.success.title', { name: screen.name })} ${t('kiosk.success.when', {
        session: state.sessionName,
        time: formatTime(screen.at, lang, state.timeZone),
      })}`;
    case 'already':
      return t('kiosk.already.title');
    case 'staff':
      return t('kiosk.staffNeeded.title');
    case 'error':
      return t('kiosk.error.title');
    case 'leave':
      return t('kiosk.leave.title');
    case 'feedback':
      return t('kiosk.feedback.title');
    case 'thanks':
      return t('kiosk.feedback.thanks');
    case 'feedbackGiven':
      return t('kiosk.feedback.given');
  }
}

/**
 * Any touch, key or typing restarts the clock; when it runs out, back to welcome. On the welcome screen itself only
 * once something was typed there (so an untouched kiosk does not restart its camera every few seconds).
 */
function useIdle(seconds: number, welcome: boolean, visit: number, reset: () => void) {
  // Which visit of the welcome screen was typed on: a new visit starts untouched without resetting anything.
  const [touchedVisit, setTouchedVisit] = useState(-1);
  const touched = touchedVisit === visit;
  useEffect(() => {
    if (welcome && !touched) {
      // After the event, not during it: a render inside the input's own event would put back the controlled
      // box's previous value and swallow the first key typed.
      const mark = () => setTimeout(() => setTouchedVisit(visit), 0);
      document.addEventListener('input', mark, true);
      return () => document.removeEventListener('input', mark, true);
    }
    let timer = setTimeout(reset, seconds * 1000);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(reset, seconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'input'] as const;
    for (const name of events) document.addEventListener(name, restart, true);
    return () => {
      clearTimeout(timer);
      for (const name of events) document.removeEventListener(name, restart, true);
    };
  }, [seconds, welcome, touched, visit, reset]);
}

interface ScreenProps {
  screen: Screen;
  state: Active;
  onScan: (text: string) => void;
  onChoose: (registrationId: string) => void;
  onAmbiguous: () => void;
  onConfirm: (who: KioskIdentity) => void;
  onCommit: (
    who: KioskIdentity,
    method: Method,
    nonce: string,
    extras: { signature?: string; consent?: { noticeVersion: string } },
  ) => void;
  onDone: () => void;
  onLeft: (eventId: string) => void;
  intent: 'checkin' | 'feedback';
  feedback: KioskFeedbackForm | null;
  onFeedback: () => void;
  onFeedbackOutcome: (outcome: 'thanks' | 'given' | 'cancelled' | 'failed') => void;
}

function ScreenView(props: ScreenProps) {
  const { t } = useTranslation();
  const { screen } = props;
  switch (screen.kind) {
    case 'welcome':
      return <Welcome {...props} />;
    case 'checking':
      return <Checking />;
    case 'confirm':
      return <Confirm who={screen.who} onYes={() => props.onConfirm(screen.who)} onNo={props.onDone} />;
    case 'sign':
      return <Sign {...props} screen={screen} />;
    case 'success':
      return <Success screen={screen} state={props.state} onDone={props.onDone} />;
    case 'already':
      return <Already screen={screen} state={props.state} onDone={props.onDone} />;
    case 'staff':
      return <SeeStaff reason={screen.reason} onDone={props.onDone} />;
    case 'error':
      return <Failure onDone={props.onDone} />;
    case 'leave':
      return <LeaveKiosk onCancel={props.onDone} onLeft={props.onLeft} />;
    case 'feedback':
      return props.feedback?.open ? (
        <KioskFeedback
          form={props.feedback}
          who={screen.who}
          onOutcome={props.onFeedbackOutcome}
          onCancel={props.onDone}
        />
      ) : (
        <Failure onDone={props.onDone} />
      );
    case 'thanks':
      return <Done title={t('kiosk.feedback.thanks')} onDone={props.onDone} />;
    case 'feedbackGiven':
      return <Done title={t('kiosk.feedback.given')} onDone={props.onDone} />;
  }
}

/** A screen's heading, focused as the screen appears so keyboard and screen-reader users start at the top. */
function Heading({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} className="kiosk-title">
      {children}
    </h1>
  );
}

function Welcome({ state, onScan, onChoose, onAmbiguous, intent, feedback, onFeedback }: ScreenProps) {
  const { t } = useTranslation();
  const api = useApi();
  const lang = useLanguage();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  // A badge scanned through a layout other than US (QWERTZ, AZERTY, Thai) stands in the box as the keys it pressed.
  const scanKeys = useScanKeys(isWholeBadge);
  const [found, setFound] = useState<{ query: string; matches: KioskMatches } | null>(null);
  const query = text.trim();
  // A name can read as a code ("Leila Axe" is 1E11-AAXE): search it anyway; only Enter treats it as a badge.
  const searchable = isSearchableName(query);

  // Back in the name box whenever the purpose changes (Give feedback), ready for a name or a scan.
  useEffect(() => input.current?.focus(), [intent]);
  useEffect(() => {
    if (!searchable) return;
    let live = true;
    const timer = setTimeout(() => {
      call(api, 'kiosk.find', { query })
        .then((matches) => live && setFound({ query, matches }))
        .catch(() => live && setFound({ query, matches: { results: [], more: false } }));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, query, searchable]);

  const shown = searchable && found?.query === query ? found.matches : null;

  return (
    <section className="kiosk-welcome" aria-labelledby={`${inputId}-title`}>
      <h1 id={`${inputId}-title`} className="kiosk-title">
        {intent === 'feedback' ? t('kiosk.feedback.identify') : t('kiosk.welcome.title')}
      </h1>
      {state.languages.length > 1 && (
        <div className="kiosk-languages" role="group" aria-label={t('kiosk.welcome.language')}>
          {state.languages.map((code) => (
            <button
              key={code}
              type="button"
              lang={code}
              className="button kiosk-language"
              aria-pressed={code === lang}
              onClick={() => void setLanguage(code).then(() => input.current?.focus())}
            >
              {endonyms[code]}
            </button>
          ))}
        </div>
      )}
      <label htmlFor={inputId} className="kiosk-prompt">
        {t('kiosk.welcome.prompt')}
      </label>
      <input
        ref={input}
        id={inputId}
        className="kiosk-name"
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={hintId}
        value={text}
        onKeyDown={scanKeys.onKeyDown}
        onChange={(e) => setText(scanKeys.read(e.target.value))}
      />
      <p id={hintId} className="kiosk-hint">
        {t('kiosk.welcome.hint')}
      </p>
      {shown && (
        <div className="kiosk-results" data-query={query}>
          {shown.results.length === 0 ? (
            <p className="kiosk-hint">{t('kiosk.welcome.noMatch')}</p>
          ) : (
            <ul aria-label={t('kiosk.welcome.results')}>
              {shown.results.map((line, i) => (
                <li key={line.kind === 'person' ? line.registrationId : `ambiguous-${i}`}>
                  <button
                    type="button"
                    className="kiosk-result"
                    onClick={() => (line.kind === 'person' ? onChoose(line.registrationId) : onAmbiguous())}
                  >
                    <span className="kiosk-result-name">{line.name}</span>
                    <span className="kiosk-result-org">{line.organisation}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {shown.more && <p className="kiosk-hint">{t('kiosk.welcome.more')}</p>}
        </div>
      )}
      {feedback?.open && (
        <button type="button" className="button kiosk-secondary kiosk-feedback" onClick={onFeedback}>
          {intent === 'feedback' ? t('kiosk.feedback.backToCheckIn') : t('kiosk.feedback.give')}
        </button>
      )}
      <Camera onCode={onScan} />
    </section>
  );
}

function Checking() {
  const { t } = useTranslation();
  return (
    <section className="kiosk-panel" aria-busy="true">
      <Heading>{t('kiosk.checking')}</Heading>
    </section>
  );
}

function Confirm({ who, onYes, onNo }: { who: KioskIdentity; onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-panel">
      <Heading>{t('kiosk.confirm.title', { name: who.name })}</Heading>
      <p className="kiosk-organisation">{who.organisation}</p>
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={onYes}>
          {t('kiosk.confirm.yes')}
        </button>
        <button type="button" className="button kiosk-secondary" onClick={onNo}>
          {t('kiosk.confirm.no')}
        </button>
      </div>
    </section>
  );
}

function Sign({ screen, state, onCommit, onDone }: ScreenProps & { screen: Extract<Screen, { kind: 'sign' }> }) {
  const { t } = useTranslation();
  const { who, method } = screen;
  const signatureLabel = useId();
  const noticeId = useId();
  const pad = useRef<SignatureHandle>(null);
  // One nonce for this person's attempt: a double tap or a retry after a refusal is the same check-in.
  const [nonce] = useState(() => crypto.randomUUID());
  const [agreed, setAgreed] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const [problem, setProblem] = useState(screen.problem);
  const notice = who.needsConsent ? state.notice : null;

  const submit = () => {
    if (notice && !agreed) return setProblem('consent');
    const signature = pad.current?.png() ?? undefined;
    if (state.signatureRequired && !signature) return setProblem('signatureRequired');
    onCommit(who, method, nonce, {
      ...(signature ? { signature } : {}),
      ...(notice ? { consent: { noticeVersion: notice.version } } : {}),
    });
  };

  return (
    <section className="kiosk-panel">
      <Heading>{t('kiosk.sign.title', { name: who.name })}</Heading>
      <p className="kiosk-organisation">{who.organisation}</p>
      {notice && (
        <div className="kiosk-consent">
          <h2 id={noticeId}>{t('kiosk.sign.notice')}</h2>
          <div className="kiosk-notice" role="region" aria-labelledby={noticeId} tabIndex={0}>
            {notice.text}
          </div>
          <label className="kiosk-check">
            <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
            <span>{t('kiosk.sign.agree', { version: notice.version })}</span>
          </label>
          {problem === 'consent' && !agreed && (
            <p className="kiosk-problem" role="alert">
              {t('validation.consentRequired')}
            </p>
          )}
        </div>
      )}
      {state.signatureRequired && (
        <div className="kiosk-sign">
          <h2 id={signatureLabel}>{t('kiosk.sign.signHere')}</h2>
          <Signature ref={pad} labelId={signatureLabel} onChange={setDrawn} />
          <p className="kiosk-hint">{t('kiosk.sign.cannotSign')}</p>
          {problem && problem !== 'consent' && !drawn && (
            <p className="kiosk-problem" role="alert">
              {t(`validation.${problem}`)}
            </p>
          )}
        </div>
      )}
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={submit}>
          {t('kiosk.sign.checkIn')}
        </button>
        <button type="button" className="button kiosk-secondary" onClick={onDone}>
          {t('kiosk.cancel')}
        </button>
      </div>
    </section>
  );
}

function Success({
  screen,
  state,
  onDone,
}: {
  screen: Extract<Screen, { kind: 'success' }>;
  state: Active;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <section className="kiosk-panel kiosk-ok">
      <Heading>{t('kiosk.success.title', { name: screen.name })}</Heading>
      <p>
        {t('kiosk.success.when', { session: state.sessionName, time: formatTime(screen.at, lang, state.timeZone) })}
      </p>
      {screen.printing && <p>{t('kiosk.success.printing')}</p>}
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
    </section>
  );
}

function Already({
  screen,
  state,
  onDone,
}: {
  screen: Extract<Screen, { kind: 'already' }>;
  state: Active;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <section className="kiosk-panel kiosk-ok">
      <Heading>{t('kiosk.already.title')}</Heading>
      {screen.at && <p>{t('kiosk.already.when', { time: formatTime(screen.at, lang, state.timeZone) })}</p>}
      <p>{screen.name ? t('kiosk.already.enjoy', { name: screen.name }) : t('kiosk.already.enjoyAnonymous')}</p>
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
    </section>
  );
}

function SeeStaff({ reason, onDone }: { reason: Extract<Screen, { kind: 'staff' }>['reason']; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-panel kiosk-warning">
      <Heading>{t('kiosk.staffNeeded.title')}</Heading>
      <p>{t(`kiosk.staffNeeded.${reason}`)}</p>
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
    </section>
  );
}

function Done({ title, onDone }: { title: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-panel kiosk-ok">
      <Heading>{title}</Heading>
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
    </section>
  );
}

function Failure({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="kiosk-panel kiosk-warning">
      <Heading>{t('kiosk.error.title')}</Heading>
      <p>{t('kiosk.error.body')}</p>
      <div className="kiosk-actions">
        <button type="button" className="button primary kiosk-primary" onClick={onDone}>
          {t('kiosk.startAgain')}
        </button>
      </div>
    </section>
  );
}
