import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { EditEventPage } from '../events/EditEventPage';
import { EventDetailPage } from '../events/EventDetail';
import { EventList } from '../events/EventList';
import { NewEventPage } from '../events/NewEventPage';
import { AccessGate, SignedInAs } from '../access/AccessGate';
import type { AccessStatus } from '../access/queries';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { restoreStaffLanguage, useKioskState, useSetKioskState } from '../kiosk/queries';
import { LanguageSwitcher } from './LanguageSwitcher';
import { href, navigate, useRoute, type Route } from './route';

// The desk, the participants list, the import wizard and the export page load on first use: the event list, the
// first screen, stays as light as it was (the import's schemas and the export's field lists come with their screens).
const DeskPage = lazy(() => import('../desk/DeskPage').then((m) => ({ default: m.DeskPage })));
const ParticipantsPage = lazy(() =>
  import('../participants/ParticipantsPage').then((m) => ({ default: m.ParticipantsPage })),
);
const ImportPage = lazy(() => import('../imports/ImportPage').then((m) => ({ default: m.ImportPage })));
const ExportPage = lazy(() => import('../exports/ExportPage').then((m) => ({ default: m.ExportPage })));
// Reports bring the chart library: loaded only when someone opens them.
const ProgrammesPage = lazy(() => import('../reports/ProgrammesPage').then((m) => ({ default: m.ProgrammesPage })));
const DashboardPage = lazy(() => import('../reports/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const ReportPage = lazy(() => import('../reports/ReportPage').then((m) => ({ default: m.ReportPage })));
const FeedbackPage = lazy(() => import('../feedback/FeedbackPage').then((m) => ({ default: m.FeedbackPage })));
// The kiosk brings the QR decoder and the signature pad: loaded only on a device that is a kiosk.
const SyncPage = lazy(() => import('../sync/SyncPage').then((m) => ({ default: m.SyncPage })));
const SyncInboxPage = lazy(() => import('../sync/SyncPage').then((m) => ({ default: m.SyncInboxPage })));
const BackupsPage = lazy(() => import('../backups/BackupsPage').then((m) => ({ default: m.BackupsPage })));
const MembersPage = lazy(() => import('../access/MembersPage').then((m) => ({ default: m.MembersPage })));
const AuditPage = lazy(() => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const KioskApp = lazy(() => import('../kiosk/KioskApp').then((m) => ({ default: m.KioskApp })));

// Screens whose tables need the whole width of the window.
const wideScreens = new Set<Route['screen']>(['participants', 'import', 'programme-report', 'event-report', 'audit']);

/**
 * A device that is a kiosk shows the kiosk and nothing else, whatever the address says: the staff screens come back
 * only once kiosk.leave (with the PIN) has answered. Until the core has said which it is, neither is shown.
 */
export function App() {
  const { t } = useTranslation();
  const kiosk = useKioskState();
  const setKioskState = useSetKioskState();
  if (kiosk.isPending) return <Loading label={t('app.loading')} />;
  if (kiosk.data?.active) {
    const first = kiosk.data.languages[0] ?? 'en';
    return (
      <Suspense fallback={<Loading label={t('app.loading')} />}>
        <KioskApp
          state={kiosk.data}
          onLeft={(eventId) => {
            void restoreStaffLanguage(first).then(() => {
              setKioskState({ active: false });
              navigate({ screen: 'desk', id: eventId });
            });
          }}
        />
      </Suspense>
    );
  }
  return <AccessGate>{(status) => <StaffApp status={status} />}</AccessGate>;
}

/** The shell every staff screen shares: skip link, header with the product and the language, navigation, main. */
function StaffApp({ status }: { status: AccessStatus }) {
  const { t } = useTranslation();
  const route = useRoute();
  const admin = status.caller?.role === 'admin';
  const inProgrammes = route.screen === 'programmes' || route.screen === 'programme-report';
  const elsewhere = ['not-found', 'backups', 'members', 'audit'].includes(route.screen);
  const inEvents = !elsewhere && !inProgrammes;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('app.mainNav')} className="app-nav">
          <a href={href({ screen: 'events' })} aria-current={inEvents ? 'page' : undefined}>
            {t('events.title')}
          </a>
          <a href={href({ screen: 'programmes' })} aria-current={inProgrammes ? 'page' : undefined}>
            {t('reports.programmes')}
          </a>
          {admin && (
            <>
              <a href={href({ screen: 'backups' })} aria-current={route.screen === 'backups' ? 'page' : undefined}>
                {t('backups.title')}
              </a>
              <a href={href({ screen: 'members' })} aria-current={route.screen === 'members' ? 'page' : undefined}>
                {t('app.members')}
              </a>
              <a href={href({ screen: 'audit' })} aria-current={route.screen === 'audit' ? 'page' : undefined}>
                {t('app.audit')}
              </a>
            </>
          )}
        </nav>
        <SignedInAs status={status} />
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className={wideScreens.has(route.screen) ? 'wide' : undefined}>
        <Suspense fallback={<Loading label={t('app.loading')} />}>
          <Screen route={route} />
        </Suspense>
      </main>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  const { t } = useTranslation();
  switch (route.screen) {
    case 'events':
      return <EventList />;
    case 'new-event':
      return <NewEventPage />;
    // Keyed by id so moving from one event to another starts with fresh state.
    case 'event':
      return <EventDetailPage key={route.id} id={route.id} />;
    case 'edit-event':
      return <EditEventPage key={route.id} id={route.id} />;
    case 'desk':
      return <DeskPage key={route.id} id={route.id} />;
    case 'participants':
      return <ParticipantsPage key={route.id} id={route.id} />;
    case 'import':
      return <ImportPage key={route.id} id={route.id} />;
    case 'export':
      return <ExportPage key={route.id} id={route.id} />;
    case 'sync':
      return <SyncPage key={route.id} id={route.id} />;
    case 'backups':
      return <BackupsPage />;
    case 'members':
      return <MembersPage />;
    case 'audit':
      return <AuditPage />;
    case 'sync-inbox':
      return <SyncInboxPage />;
    case 'dashboard':
      return <DashboardPage key={route.id} id={route.id} />;
    case 'event-report':
      return <ReportPage key={route.id} scope={{ eventId: route.id }} />;
    case 'feedback':
      return <FeedbackPage key={route.id} id={route.id} />;
    case 'programmes':
      return <ProgrammesPage />;
    case 'programme-report':
      return <ReportPage key={route.id} scope={{ programmeId: route.id }} />;
    case 'not-found':
      return (
        <>
          <PageHeading>{t('app.notFound')}</PageHeading>
          <p>
            <a href={href({ screen: 'events' })}>{t('app.backToEvents')}</a>
          </p>
        </>
      );
  }
}
