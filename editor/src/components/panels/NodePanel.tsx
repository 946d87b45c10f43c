/** The side panel for the selected node: fields every node has, then its kind's own section. */
import { useTranslation } from 'react-i18next';
import type { NodeType } from '../../../../workflows/definition/schema';
import type { NodeConfig } from '../../model/types';
import { useEditor } from '../../store';
import { DescriptionFields } from '../fields/DescriptionFields';
import { LocalizedTextFields } from '../fields/LocalizedTextFields';
import { ActivitySection } from './sections/ActivitySection';
import { AssignSection } from './sections/AssignSection';
import { DecisionSection } from './sections/DecisionSection';
import { EndSection } from './sections/EndSection';
import { EventSection } from './sections/EventSection';
import { LadderSection } from './sections/LadderSection';
import { JoinSection } from './sections/JoinSection';
import { SubprocessSection } from './sections/SubprocessSection';
import { TaskSection } from './sections/TaskSection';
import { TimerSection } from './sections/TimerSection';

function KindSection({ id, type, data }: { id: string; type: NodeType; data: NodeConfig }) {
  const { t } = useTranslation();
  const updateNodeData = useEditor((s) => s.updateNodeData);
  const update = (patch: Partial<NodeConfig>) => updateNodeData(id, patch);
  switch (type) {
    case 'activity':
      return <ActivitySection id={id} data={data as NodeConfig<'activity'>} update={update} />;
    case 'decision':
      return <DecisionSection id={id} data={data as NodeConfig<'decision'>} update={update} />;
    case 'timer':
      return <TimerSection id={id} data={data as NodeConfig<'timer'>} update={update} />;
    case 'event':
      return <EventSection id={id} data={data as NodeConfig<'event'>} update={update} />;
    case 'task':
      return <TaskSection id={id} data={data as NodeConfig<'task'>} update={update} />;
    case 'subprocess':
      return <SubprocessSection id={id} data={data as NodeConfig<'subprocess'>} update={update} />;
    case 'assign':
      return <AssignSection id={id} data={data as NodeConfig<'assign'>} update={update} />;
    case 'end':
      return <EndSection id={id} data={data as NodeConfig<'end'>} update={update} />;
    case 'join':
      return <JoinSection id={id} data={data as NodeConfig<'join'>} update={update} />;
    case 'gateway':
    case 'parallel':
    case 'start':
      return <p className="muted">{t(`kindHint.${type}`)}</p>;
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
}

export function NodePanel({ id }: { id: string }) {
  const { t } = useTranslation();
  // Type and data only: a drag changes the position, and must not re-render the panel.
  const type = useEditor((s) => s.nodes.find((n) => n.id === id)?.type);
  const data = useEditor((s) => s.nodes.find((n) => n.id === id)?.data);
  const updateNodeData = useEditor((s) => s.updateNodeData);
  if (!type || !data) return null;
  return (
    <div className="panel-body" data-testid="node-panel" data-node-id={id}>
      <h3>
        {t(`kind.${type}`)} <code>{id}</code>
      </h3>
      <LocalizedTextFields label={t('node.label')} value={data.label} onChange={(label) => updateNodeData(id, { label })} testId="field-label" />
      <KindSection key={id} id={id} type={type} data={data} />
      {(type === 'task' || type === 'event' || type === 'timer') && (
        <LadderSection key={`${id}-ladder`} ladder={(data as NodeConfig<'task'>).ladder} onChange={(ladder) => updateNodeData(id, { ladder })} />
      )}
      <DescriptionFields value={data.description} onChange={(description) => updateNodeData(id, { description })} testId="field-description" rows={2} />
    </div>
  );
}
