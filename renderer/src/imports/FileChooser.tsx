import { useId, useState, type DragEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { importLimits } from '../../../electron/core/imports/limits';
import { formatBytes } from '../i18n/format';
import { useLanguage } from '../i18n/use-language';

// A hint for the system's file dialog only: anything chosen is still sent, and the core says why it cannot be read.
const accept = [
  '.csv',
  '.tsv',
  '.txt',
  '.xlsx',
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
].join(',');

function carriesFiles(e: DragEvent): boolean {
  return [...e.dataTransfer.types].includes('Files');
}

interface FileChooserProps {
  onFile: (file: File) => void;
  inputRef: Ref<HTMLInputElement>;
}

/**
 * The file box: a native file input (keyboard and screen readers know it) inside an area that also takes a file
 * dropped from the desktop. Drop is a shortcut for the mouse, never the only way.
 */
export function FileChooser({ onFile, inputRef }: FileChooserProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const id = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);

  const onDragOver = (e: DragEvent<HTMLDivElement>) => {
    if (!carriesFiles(e)) return;
    // Without preventDefault the browser would open the dropped file itself, leaving Muster.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };

  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        // Leaving for a child of the area (the input, the hint) is not leaving the area.
        if (!(e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget))) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <label htmlFor={id} className="drop-zone-label">
        {t('imports.file.label')}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept={accept}
        aria-describedby={hintId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so choosing the same file again (after fixing it in Excel) is a change too.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p id={hintId} className="hint">
        {t('imports.file.hint', { max: formatBytes(importLimits.fileBytes, lang) })}
      </p>
    </div>
  );
}
