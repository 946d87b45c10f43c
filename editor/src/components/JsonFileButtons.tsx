/**
 * Export a document's definition as `<key>.json`, and (for those who may change it) import one from
 * a file: the file's text is handed over, the caller checks it against its schema.
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { exportText } from '../model/importExport';

interface JsonFileButtonsProps {
  fileName: string;
  exportValue(): unknown;
  /** Without it, no import is offered. */
  onImportText?(text: string): void;
  importDisabled?: boolean;
}

export function JsonFileButtons({ fileName, exportValue, onImportText, importDisabled }: JsonFileButtonsProps) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);

  const download = () => {
    const url = URL.createObjectURL(new Blob([exportText(exportValue())], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${fileName}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <>
      {onImportText && (
        <>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={importDisabled} data-testid="import">
            {t('toolbar.import')}
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            data-testid="import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void file.text().then(onImportText);
            }}
          />
        </>
      )}
      <button type="button" onClick={download} data-testid="export">
        {t('toolbar.export')}
      </button>
    </>
  );
}
