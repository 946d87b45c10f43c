/**
 * How a designed form's table of rows looks (rjsf's own array templates draw icon-font buttons the
 * app has no font for, in a bootstrap grid it has no styles for): each row a card numbered in the
 * user's language whose cells wrap to one per line on a phone, a worded button to remove it, and
 * one to add a row under the table.
 */
import type { ArrayFieldItemTemplateProps, IconButtonProps, TemplatesType } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';

function TableRow({ children, index, buttonsProps }: ArrayFieldItemTemplateProps) {
  const { t } = useTranslation();
  const { hasRemove, onRemoveItem, disabled, readonly } = buttonsProps;
  return (
    <div className="table-row" data-testid={`table-row-${index}`}>
      <div className="table-row-bar">
        <span className="muted">{t('formView.row', { n: index + 1 })}</span>
        {hasRemove && (
          <button type="button" className="link" disabled={disabled || readonly} onClick={onRemoveItem} data-testid={`table-row-${index}-remove`}>
            {t('formView.removeRow')}
          </button>
        )}
      </div>
      <div className="table-row-cells">{children}</div>
    </div>
  );
}

function AddRow({ onClick, disabled, id }: IconButtonProps) {
  const { t } = useTranslation();
  return (
    <button type="button" id={id} className="table-add-row" onClick={onClick} disabled={disabled} data-testid="table-add-row">
      + {t('formView.addRow')}
    </button>
  );
}

/** The templates a designed form renders with. */
export const TABLE_TEMPLATES: Partial<TemplatesType> = {
  ArrayFieldItemTemplate: TableRow,
  ButtonTemplates: { AddButton: AddRow } as TemplatesType['ButtonTemplates'],
};
