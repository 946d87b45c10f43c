/**
 * The palette: node kinds and registered activities, searchable, titled in the UI language.
 * Items are dragged onto the canvas, or added at the centre of the view with Enter or a double click.
 */
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalog } from '../../catalog';
import { pickText, useTextSide } from '../../i18n/useLocalized';
import { kindIcons } from '../../nodes/kindIcons';
import { useEditor } from '../../store';
import { NODE_SIZE } from '../../nodes/size';
import { DRAG_MIME, groupActivities, initialData, kindGroups, type PaletteDrop } from './paletteItems';

interface ItemProps {
  drop: PaletteDrop;
  icon: string;
  title: string;
  subtitle?: string;
  testId: string;
  disabled: boolean;
}

function PaletteItem({ drop, icon, title, subtitle, testId, disabled }: ItemProps) {
  const { screenToFlowPosition } = useReactFlow();
  const addNode = useEditor((s) => s.addNode);
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_MIME, JSON.stringify(drop));
    e.dataTransfer.effectAllowed = 'move';
  };
  const addAtCentre = () => {
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!canvas) return;
    const centre = screenToFlowPosition({ x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 });
    addNode(drop.type, { x: centre.x - NODE_SIZE.width / 2, y: centre.y - NODE_SIZE.height / 2 }, initialData(drop), drop.activity);
  };
  return (
    <li
      className={`palette-item kind-${drop.type}`}
      draggable={!disabled}
      onDragStart={onDragStart}
      onDoubleClick={disabled ? undefined : addAtCentre}
      onKeyDown={(e) => e.key === 'Enter' && !disabled && addAtCentre()}
      tabIndex={disabled ? -1 : 0}
      aria-disabled={disabled || undefined}
      data-testid={testId}
      title={subtitle}
    >
      <span className="palette-icon" aria-hidden>
        {icon}
      </span>
      <span className="palette-title">{title}</span>
    </li>
  );
}

export function Palette() {
  const { t } = useTranslation();
  const side = useTextSide();
  const [query, setQuery] = useState('');
  const activities = useCatalog((s) => s.activities);
  const catalogStatus = useCatalog((s) => s.status);
  const catalogError = useCatalog((s) => s.error);
  const readOnly = useEditor((s) => s.overlay !== null);
  const q = query.trim().toLowerCase();
  const matches = (...texts: (string | undefined)[]) => q === '' || texts.some((x) => x?.toLowerCase().includes(q));

  const activityGroups = useMemo(() => groupActivities(activities), [activities]);

  const sections = [
    ...kindGroups.map(({ group, kinds }) => ({
      key: group,
      title: t(`palette.groups.${group}`),
      items: kinds
        .filter((k) => matches(t(`kind.${k}`), k))
        .map((k) => <PaletteItem key={k} drop={{ type: k }} icon={kindIcons[k]} title={t(`kind.${k}`)} subtitle={t(`kindHint.${k}`)} testId={`palette-kind-${k}`} disabled={readOnly} />),
    })),
    ...[...activityGroups].map(([category, list]) => ({
      key: `activity-${category}`,
      title: t(`palette.categories.${category}`, { defaultValue: category }),
      items: list
        .filter((a) => matches(a.name, a.title.zh, a.title.en, a.category))
        .map((a) => (
          <PaletteItem
            key={a.name}
            drop={{ type: 'activity', activity: a.name }}
            icon={kindIcons.activity}
            title={pickText(a.title, side) ?? a.name}
            subtitle={pickText(a.description, side)}
            testId={`palette-activity-${a.name}`}
            disabled={readOnly}
          />
        )),
    })),
  ].filter((s) => s.items.length > 0);

  return (
    <nav className="palette" aria-label={t('palette.title')} data-testid="palette">
      <input
        type="search"
        className="palette-search"
        placeholder={t('palette.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="palette-search"
      />
      {catalogStatus === 'error' && (
        <p className="field-error" title={catalogError ?? undefined}>
          {t('palette.activitiesUnavailable')}
        </p>
      )}
      {sections.map((s) => (
        <section key={s.key}>
          <h4>{s.title}</h4>
          <ul>{s.items}</ul>
        </section>
      ))}
      {sections.length === 0 && <p className="muted">{t('palette.noMatch')}</p>}
      <p className="palette-tip muted">{t('palette.tip')}</p>
    </nav>
  );
}
