/**
 * The publish dialog's summary of a process draft: what it changes against the version in
 * effect (moved nodes are not changes), or that it is the first version. Computed once, when
 * the dialog opens: the canvas cannot be edited behind the dialog.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diffDefinitions } from '../../../../workflows/definition/diff';
import type { ProcessDefinition } from '../../../../workflows/definition/schema';
import { currentDefinition } from '../../hooks/processDocument';
import { DiffSummary } from '../versions/DiffSummary';

export function PublishChanges({ published }: { published: { version: number; definition: ProcessDefinition } | null }) {
  const { t } = useTranslation();
  const [diff] = useState(() => (published ? diffDefinitions(published.definition, currentDefinition()) : null));
  return (
    <section className="publish-changes" data-testid="publish-changes">
      <h4>{published ? t('publish.changesSince', { version: published.version }) : t('publish.firstVersion')}</h4>
      {diff && <DiffSummary diff={diff} />}
    </section>
  );
}
