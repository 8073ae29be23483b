import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Event, Session } from '../../../electron/core/events/schema';
import { href } from '../app/route';
import { useLanguage } from '../i18n/use-language';
import { displayName } from '../participants/labels';
import { ParticipantDrawer } from '../participants/ParticipantDrawer';
import { WalkInDialog } from '../participants/WalkInDialog';
import { Counters } from './Counters';
import { OutcomeMessage } from './OutcomeMessage';
import { RecentList } from './RecentList';
import { Results } from './Results';
import { currentSession, sessionLabel } from './session-choice';
import { useDeskActions, type Target } from './use-desk-actions';
import { useDeskSearch } from './use-search';
import { EventPageHead, WithEvent } from '../events/WithEvent';
import { StartKiosk } from '../kiosk/StartKiosk';
import { isBadgeToken, isWholeBadge } from '../kiosk/scanner';
import { useScanKeys } from '../checkin/scan-keys';

export function DeskPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <Desk event={event} />}</WithEvent>;
}

/** The event's desk: choose the session, then everything below works on that session alone. */
function Desk({ event }: { event: Event }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const selectId = useId();
  const [chosen, setChosen] = useState(() => currentSession(event.sessions, event.timeZone)?.id);
  const [startingKiosk, setStartingKiosk] = useState(false);
  // A session removed in another window since: fall back to the one the clock suggests.
  const session =
    event.sessions.find((s) => s.id === chosen) ?? currentSession(event.sessions, event.timeZone) ?? event.sessions[0];

  return (
    <>
      <EventPageHead title={t('desk.title')} event={event}>
        <a className="button" href={href({ screen: 'participants', id: event.id })}>
          {t('roster.title')}
        </a>
        {session && !event.archived && (
          <button type="button" className="button start-kiosk" onClick={() => setStartingKiosk(true)}>
            {t('kiosk.start.open')}
          </button>
        )}
      </EventPageHead>
      {startingKiosk && session && <StartKiosk session={session} onClose={() => setStartingKiosk(false)} />}
      {event.archived && (
        <p className="notice" role="status">
          {t('detail.archivedNotice')}
        </p>
      )}
      {session ? (
        <>
          <div className="desk-session">
            <label htmlFor={selectId}>{t('desk.session')}</label>
            <select id={selectId} value={session.id} onChange={(e) => setChosen(e.target.value)}>
              {event.sessions.map((s) => (
                <option key={s.id} value={s.id}>
                  {sessionLabel(s, lang)}
                </option>
              ))}
            </select>
          </div>
          {/* Keyed by session: switching sessions starts a clean desk (results, messages, highlight). */}
          <DeskSession key={session.id} event={event} session={session} />
        </>
      ) : (
        <p className="notice">{t('desk.noSessions')}</p>
      )}
    </>
  );
}

function DeskSession({ event, session }: { event: Event; session: Session }) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [highlight, setHighlight] = useState({ query: '', index: 0 });
  const [walkIn, setWalkIn] = useState(false);
  const [drawer, setDrawer] = useState<string | null>(null);
  const search = useDeskSearch(event.id, session.id, text);
  // A badge scanned through a layout other than US (QWERTZ, AZERTY, Thai) is searched as the keys it pressed.
  const scanKeys = useScanKeys(isWholeBadge);
  // After every action the search box has the focus again, its text selected: the next name typed replaces it.
  const backToSearch = () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  };
  const actions = useDeskActions(session.id, backToSearch);
  // The desk's one job: the box is ready for the first name the moment the screen opens. After the heading, which
  // takes the focus after a navigation (its effect runs first): the box's label and the title still say where we are.
  useEffect(() => inputRef.current?.focus(), []);
  // After a walk-in is saved, back to the box rather than to the button that opened the form (the dialog gives the
  // focus back to its opener as it closes; this effect runs after that).
  const afterWalkIn = useRef(false);
  useEffect(() => {
    if (walkIn || !afterWalkIn.current) return;
    afterWalkIn.current = false;
    backToSearch();
  });

  const shown = search.shown;
  const hits = shown?.hits ?? [];
  // The highlight belongs to one answer: a new answer starts again at its first (best) hit.
  const index = shown && highlight.query === shown.query ? Math.min(highlight.index, hits.length - 1) : 0;
  const active = hits[index];
  const move = (to: number) =>
    shown && setHighlight({ query: shown.query, index: Math.max(0, Math.min(to, hits.length - 1)) });
  const target = (hit: (typeof hits)[number]): Target => ({
    registrationId: hit.registrationId,
    participantId: hit.participantId,
    name: displayName(hit),
  });
  // A hit found by a scanned badge's token is a QR check-in, as at the kiosk: reports tell scans from searches.
  const checkIn = (hit: (typeof hits)[number] | undefined, query = shown?.query ?? '') => {
    if (hit && !event.archived) void actions.checkIn(target(hit), isBadgeToken(query) ? 'qr' : 'search');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    scanKeys.onKeyDown(e);
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        move(index + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(index - 1);
        break;
      case 'Enter': {
        e.preventDefault();
        if (search.current) {
          checkIn(active);
          break;
        }
        // Typed faster than the results came (a scanner types a whole code and Enter): wait for this very text's
        // answer, then act as if it had been there, unless the text changed meanwhile.
        const typed = text.trim();
        if (!typed) break;
        const input = e.currentTarget;
        // A refused badge needs no handling here: the same query's error is on screen with its reason.
        void search
          .resultsFor(typed)
          .then((answer) => {
            if (input.value.trim() === typed) checkIn(answer.hits[0], typed);
          })
          .catch(() => undefined);
        break;
      }
      case 'Escape':
        e.preventDefault();
        if (text) setText('');
        else actions.clear();
        break;
    }
  };

  return (
    <div className="desk">
      <Counters sessionId={session.id} />
      <div className="desk-main">
        <div className="desk-search">
          <div className="desk-search-head">
            <label htmlFor={inputId} className="desk-search-label">
              {t('desk.search')}
            </label>
            <button type="button" className="button" disabled={event.archived} onClick={() => setWalkIn(true)}>
              {t('walkIn.open')}
            </button>
          </div>
          <input
            ref={inputRef}
            id={inputId}
            className="desk-search-input"
            type="text"
            role="combobox"
            aria-expanded={hits.length > 0}
            aria-controls={hits.length > 0 ? listId : undefined}
            aria-activedescendant={active ? `${listId}-${active.registrationId}` : undefined}
            aria-autocomplete="list"
            aria-describedby={hintId}
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => setText(scanKeys.read(e.target.value))}
            onKeyDown={onKeyDown}
          />
          <p id={hintId} className="hint">
            {t('desk.searchHint')}
          </p>
          <OutcomeMessage outcome={actions.outcome} timeZone={event.timeZone} />
          <Results
            listId={listId}
            query={text.trim()}
            shown={shown}
            current={search.current}
            error={search.error}
            onRetry={search.retry}
            activeIndex={index}
            timeZone={event.timeZone}
            busy={actions.pending !== null}
            archived={event.archived}
            onHighlight={move}
            onCheckIn={(hit) => checkIn(hit)}
            onCheckOut={(hit) => void actions.checkOut(target(hit))}
            onDetails={(hit) => setDrawer(hit.participantId)}
          />
        </div>
        <RecentList
          sessionId={session.id}
          timeZone={event.timeZone}
          pending={actions.pending}
          archived={event.archived}
          onUndo={(entry, name) => void actions.undo(entry.id, { name })}
        />
      </div>
      {walkIn && (
        <WalkInDialog
          event={event}
          session={session}
          onClose={() => setWalkIn(false)}
          onCheckInExisting={(existing) => {
            setWalkIn(false);
            void actions.checkIn(existing, 'search');
          }}
          onSaved={(outcome) => {
            afterWalkIn.current = true;
            setWalkIn(false);
            actions.show(outcome);
          }}
        />
      )}
      {drawer && <ParticipantDrawer participantId={drawer} event={event} onClose={() => setDrawer(null)} />}
    </div>
  );
}
