import { useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Event } from '../../../electron/core/events/schema';
import { formatCode } from '../../../electron/core/participants/code';
import { categories, genders, statuses, type RosterRow } from '../../../electron/core/participants/schema';
import { call } from '../api/client';
import { useApi } from '../api/context';
import { href } from '../app/route';
import { useAttendanceText } from '../desk/attendance';
import { currentSession, sessionLabel } from '../desk/session-choice';
import { CountryPicker } from '../events/CountryPicker';
import { countryCode, countryName } from '../i18n/countries';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { Field } from '../ui/Field';
import { useLabels } from './labels';
import { ParticipantDrawer } from './ParticipantDrawer';
import { rosterKeys } from './queries';
import { noFilters, pageSize, rosterInput, type Direction, type RosterFilters, type RosterSort } from './roster-query';
import { EventPageHead, WithEvent } from '../events/WithEvent';

export function ParticipantsPage({ id }: { id: string }) {
  return <WithEvent id={id}>{(event) => <Participants event={event} />}</WithEvent>;
}

function Participants({ event }: { event: Event }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<RosterFilters>(() =>
    noFilters(currentSession(event.sessions, event.timeZone)?.id),
  );
  const [sort, setSort] = useState<{ sort: RosterSort; direction: Direction }>({ sort: 'name', direction: 'asc' });
  const [drawer, setDrawer] = useState<string | null>(null);
  const onSort = (column: RosterSort) =>
    setSort((s) => ({ sort: column, direction: s.sort === column && s.direction === 'asc' ? 'desc' : 'asc' }));

  return (
    <>
      <EventPageHead title={t('roster.title')} event={event}>
        <a className="button primary" href={href({ screen: 'desk', id: event.id })}>
          {t('desk.open')}
        </a>
      </EventPageHead>
      <Filters event={event} filters={filters} onChange={setFilters} />
      <RosterTable event={event} filters={filters} sort={sort} onSort={onSort} onOpen={setDrawer} />
      {drawer && <ParticipantDrawer participantId={drawer} event={event} onClose={() => setDrawer(null)} />}
    </>
  );
}

interface FiltersProps {
  event: Event;
  filters: RosterFilters;
  onChange: (next: RosterFilters) => void;
}

function Filters({ event, filters, onChange }: FiltersProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const labels = useLabels();
  const sessionId = useId();
  const checkedInId = useId();
  const [countryText, setCountryText] = useState(filters.country ?? '');
  const set = (patch: Partial<RosterFilters>) => onChange({ ...filters, ...patch });
  const toggle = <K extends 'status' | 'category' | 'gender'>(key: K, value: RosterFilters[K][number], on: boolean) =>
    set({ [key]: on ? [...filters[key], value] : filters[key].filter((v) => v !== value) });

  const group = <K extends 'status' | 'category' | 'gender'>(
    key: K,
    legend: string,
    values: readonly RosterFilters[K][number][],
    label: (value: RosterFilters[K][number]) => string,
  ) => (
    <fieldset className="filter-group">
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="checkbox">
          <input
            type="checkbox"
            checked={(filters[key] as readonly string[]).includes(value)}
            onChange={(e) => toggle(key, value, e.target.checked)}
          />
          {label(value)}
        </label>
      ))}
    </fieldset>
  );

  return (
    <section className="filters" aria-label={t('roster.filters')}>
      {group('status', t('person.status'), statuses, labels.status)}
      {group('gender', t('person.gender'), genders, labels.gender)}
      {group('category', t('person.category'), categories, labels.category)}
      <div className="filter-group">
        <Field label={t('person.country')} hint={t('roster.countryHint')}>
          {(c) => (
            <CountryPicker
              {...c}
              name="country"
              value={countryText}
              onChange={(value) => {
                setCountryText(value);
                const code = value ? countryCode(value, lang) : undefined;
                // Filter once the text names a country; an empty box filters nothing.
                if (code || !value) set({ country: code ?? null });
              }}
              onBlur={() => undefined}
              inputRef={null}
            />
          )}
        </Field>
        <div className="field">
          <label htmlFor={sessionId}>{t('desk.session')}</label>
          <select
            id={sessionId}
            value={filters.sessionId ?? ''}
            onChange={(e) => set({ sessionId: e.target.value || undefined })}
          >
            {event.sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {sessionLabel(s, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={checkedInId}>{t('roster.checkedInFilter')}</label>
          <select
            id={checkedInId}
            value={filters.checkedIn}
            onChange={(e) => set({ checkedIn: e.target.value as RosterFilters['checkedIn'] })}
          >
            <option value="any">{t('roster.anyone')}</option>
            <option value="in">{t('roster.onlyCheckedIn')}</option>
            <option value="out">{t('roster.notCheckedIn')}</option>
          </select>
        </div>
      </div>
    </section>
  );
}

// Rows have one line each (long text is cut with an ellipsis, in full in the drawer), so every row is this tall and
// the table never measures: 100,000 rows are a 4.4 million pixel scroll the browser handles without effort.
const rowHeight = 44;

interface TableProps {
  event: Event;
  filters: RosterFilters;
  sort: { sort: RosterSort; direction: Direction };
  onSort: (column: RosterSort) => void;
  onOpen: (participantId: string) => void;
}

/**
 * The roster as a table that renders only the rows in view (plus a few), with spacer rows above and below so the
 * scrollbar is true to the whole list. The pages under the visible rows are fetched from roster.list as the list
 * scrolls; the first page always, since it also says how many people match in all. Screen readers hear the real
 * size and position through aria-rowcount and aria-rowindex.
 */
function RosterTable({ event, filters, sort, onSort, onOpen }: TableProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const api = useApi();
  const captionId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const input = (page: number) => rosterInput(event.id, filters, sort, page);

  // How many match: known from the last page answered, and kept while the next filter's first page is on its way.
  const [count, setCount] = useState(0);
  const filterKey = JSON.stringify(input(0));
  // A new filter or sort starts at the top of the list.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filterKey]);

  // TanStack Virtual keeps its own mutable state; this component is not compiled by the React Compiler, so the
  // hooks plugin's warning about memoising its results does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const pages = [...new Set([0, ...items.map((item) => Math.floor(item.index / pageSize))])];
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: rosterKeys.page(input(page)),
      queryFn: () => call(api, 'roster.list', input(page)),
    })),
  });
  const rows = new Map<number, RosterRow[]>();
  results.forEach((result, i) => {
    if (result.data) rows.set(pages[i] ?? 0, result.data.rows);
  });
  const first = results[0];
  const firstTotal = first?.data?.total;
  if (firstTotal !== undefined && firstTotal !== count) setCount(firstTotal);
  const failed = results.find((r) => r.isError);

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const columns = 7;

  return (
    <>
      <p className="roster-total" role="status">
        {first?.isPending ? t('roster.loading') : t('roster.total', { total: formatNumber(count, lang) })}
      </p>
      {failed?.error && <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />}
      <div className="roster-scroll" ref={scrollRef} tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="table roster-table" aria-rowcount={count + 1}>
          <caption id={captionId} className="visually-hidden">
            {t('roster.caption', { event: event.title })}
          </caption>
          <colgroup>
            {['name', 'organisation', 'country', 'category', 'status', 'attendance', 'code'].map((c) => (
              <col key={c} className={`col-${c}`} />
            ))}
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <SortHeader column="name" label={t('roster.columns.name')} sort={sort} onSort={onSort} />
              <SortHeader column="organisation" label={t('roster.columns.organisation')} sort={sort} onSort={onSort} />
              <SortHeader column="country" label={t('roster.columns.country')} sort={sort} onSort={onSort} />
              <SortHeader column="category" label={t('roster.columns.category')} sort={sort} onSort={onSort} />
              <SortHeader column="status" label={t('roster.columns.status')} sort={sort} onSort={onSort} />
              <th scope="col" className="plain">
                {t('roster.columns.attendance')}
              </th>
              <th scope="col" className="plain">
                {t('roster.columns.code')}
              </th>
            </tr>
          </thead>
          <tbody>
            {before > 0 && <Spacer height={before} columns={columns} />}
            {items.map((item) => {
              const row = rows.get(Math.floor(item.index / pageSize))?.[item.index % pageSize];
              return row ? (
                <RosterTableRow
                  key={row.registrationId}
                  index={item.index}
                  row={row}
                  timeZone={event.timeZone}
                  onOpen={onOpen}
                />
              ) : (
                <tr key={`loading-${item.index}`} aria-rowindex={item.index + 2} className="roster-row loading-row">
                  <td colSpan={columns}>{t('roster.loadingRow')}</td>
                </tr>
              );
            })}
            {after > 0 && <Spacer height={after} columns={columns} />}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden="true" className="spacer">
      <td colSpan={columns} style={{ blockSize: `${height}px` }} />
    </tr>
  );
}

interface SortHeaderProps {
  column: RosterSort;
  label: string;
  sort: { sort: RosterSort; direction: Direction };
  onSort: (column: RosterSort) => void;
}

/** A column header that sorts by its column (again to reverse), saying how the table is sorted via aria-sort. */
function SortHeader({ column, label, sort, onSort }: SortHeaderProps) {
  const active = sort.sort === column;
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

interface RowProps {
  index: number;
  row: RosterRow;
  timeZone: string;
  onOpen: (participantId: string) => void;
}

function RosterTableRow({ index, row, timeZone, onOpen }: RowProps) {
  const lang = useLanguage();
  const labels = useLabels();
  const attendance = useAttendanceText(timeZone)(row);
  return (
    <tr aria-rowindex={index + 2} className="roster-row">
      <th scope="row">
        <button type="button" className="link-button" onClick={() => onOpen(row.participantId)}>
          {labels.name(row)}
        </button>
      </th>
      <td>{row.organisation}</td>
      <td>{countryName(row.country, lang)}</td>
      <td>{labels.category(row.category)}</td>
      <td>{labels.status(row.status)}</td>
      <td className={`state-${attendance.tone}`}>{attendance.text}</td>
      <td className="code">{formatCode(row.code)}</td>
    </tr>
  );
}
