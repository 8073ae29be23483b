import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';

interface ErrorNoticeProps {
  error: unknown;
  /** What failed, in the user's words ("The events could not be loaded."); defaults to the error code's sentence. */
  title?: string;
  onRetry?: () => void;
}

/**
 * A failure, announced. The lead sentence is translated from the error code; the server's own explanation follows
 * (it names the event or session concerned), in English until the core learns to send keys for conflicts too.
 */
export function ErrorNotice({ error, title, onRetry }: ErrorNoticeProps) {
  const { t, i18n } = useTranslation();
  // A code added to the core before its translation still shows a sentence rather than a raw key.
  const known = error instanceof ApiCallError && i18n.exists(`errors.${error.code}`);
  const code = known ? error.code : 'internal';
  const detail = error instanceof ApiCallError && error.code !== 'internal' ? error.message : undefined;
  return (
    <div role="alert" className="notice notice-error">
      <p className="notice-title">{title ?? t(`errors.${code}`)}</p>
      {detail && <p className="notice-detail">{detail}</p>}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
