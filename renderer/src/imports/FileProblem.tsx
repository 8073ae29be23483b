import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { formatBytes } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';
import { validationMessage } from '../i18n/zod-messages';
import { ErrorNotice } from '../ui/ErrorNotice';

export type Problem =
  | { kind: 'tooLarge'; name: string; size: number; max: number }
  | { kind: 'unreadable'; name: string; error: unknown }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: unknown };

/** The key of a refusal of the file as a whole (core/imports/file-error.ts puts it on the `file` path). */
function fileKey(error: unknown): string | undefined {
  if (!(error instanceof ApiCallError) || error.code !== 'invalid_input') return undefined;
  return error.issues.find((issue) => issue.key !== undefined)?.key;
}

/**
 * Why a file was not read, always with the reassurance that the roster did not change: too large to send (said
 * here, before reading it), refused by the core (empty, not a table, damaged, hostile: its key translated), or
 * cancelled by the person. Other failures (an archived event, the service gone) get the usual notice.
 */
export function FileProblem({ problem }: { problem: Problem }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  switch (problem.kind) {
    case 'cancelled':
      return (
        <p className="notice" role="status">
          {t('imports.cancelled')}
        </p>
      );
    case 'tooLarge':
      return (
        <div role="alert" className="notice notice-error">
          <p className="notice-title">{t('imports.file.refused')}</p>
          <p className="notice-detail">
            {t('imports.file.tooLarge', {
              name: problem.name,
              size: formatBytes(problem.size, lang),
              max: formatBytes(problem.max, lang),
            })}
          </p>
        </div>
      );
    case 'unreadable':
      return (
        <div role="alert" className="notice notice-error">
          <p className="notice-title">{t('imports.file.refused')}</p>
          <p className="notice-detail">{t('imports.file.unreadable', { name: problem.name })}</p>
        </div>
      );
    case 'error': {
      const key = fileKey(problem.error);
      const text = key === undefined ? undefined : validationMessage(key);
      if (text === undefined) return <ErrorNotice error={problem.error} />;
      return (
        <div role="alert" className="notice notice-error">
          <p className="notice-title">{t('imports.file.refused')}</p>
          <p className="notice-detail">{text}</p>
        </div>
      );
    }
  }
}
