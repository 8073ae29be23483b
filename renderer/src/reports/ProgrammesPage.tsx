import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { href } from '../app/route';
import { useEventList } from '../events/queries';
import { formatNumber } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { ErrorNotice } from '../ui/ErrorNotice';
import { FieldError } from '../ui/Field';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { useCreateProgramme, useProgrammes } from './queries';

/** Programmes with a link to each one's report, and a form to group events into a new one. */
export function ProgrammesPage() {
  const { t } = useTranslation();
  const lang = useLanguage();
  const programmes = useProgrammes();
  return (
    <>
      <PageHeading>{t('reports.programmes')}</PageHeading>
      {programmes.isPending && <Loading label={t('reports.loading')} />}
      {programmes.isError && <ErrorNotice error={programmes.error} onRetry={() => void programmes.refetch()} />}
      {programmes.data &&
        (programmes.data.length === 0 ? (
          <p>{t('reports.noProgrammes')}</p>
        ) : (
          <ul className="programme-list">
            {programmes.data.map((p) => (
              <li key={p.id}>
                <a href={href({ screen: 'programme-report', id: p.id })}>{p.name}</a>{' '}
                <span className="hint">{t('reports.eventCount', { n: formatNumber(p.eventIds.length, lang) })}</span>
              </li>
            ))}
          </ul>
        ))}
      <NewProgramme />
    </>
  );
}

function NewProgramme() {
  const { t } = useTranslation();
  const events = useEventList(false);
  const createProgramme = useCreateProgramme();
  const ids = { name: useId(), nameError: useId() };
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [blank, setBlank] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setBlank(true);
      return;
    }
    createProgramme.mutate(
      { name, eventIds: [...chosen] },
      {
        onSuccess: () => {
          setName('');
          setChosen(new Set());
        },
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${ids.name}-heading`}>
      <h2 id={`${ids.name}-heading`}>{t('reports.newProgramme')}</h2>
      <div className="field">
        <label htmlFor={ids.name}>{t('reports.programmeName')}</label>
        <input
          id={ids.name}
          value={name}
          aria-invalid={blank || undefined}
          aria-describedby={blank ? ids.nameError : undefined}
          onChange={(e) => {
            setBlank(false);
            setName(e.target.value);
          }}
        />
        <FieldError id={ids.nameError} message={blank ? t('validation.blank') : undefined} />
      </div>
      <fieldset className="field checkbox-group">
        <legend>{t('reports.programmeEvents')}</legend>
        <div className="checkboxes">
          {(events.data ?? []).map((event) => (
            <label key={event.id} className="checkbox">
              <input
                type="checkbox"
                checked={chosen.has(event.id)}
                onChange={(e) =>
                  setChosen((before) => {
                    const next = new Set(before);
                    if (e.target.checked) next.add(event.id);
                    else next.delete(event.id);
                    return next;
                  })
                }
              />
              {event.title}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" aria-disabled={createProgramme.isPending}>
          {t('reports.createProgramme')}
        </button>
      </div>
      {createProgramme.isError && <ErrorNotice error={createProgramme.error} />}
    </form>
  );
}
