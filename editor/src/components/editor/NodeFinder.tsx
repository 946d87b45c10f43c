/**
 * Search over the canvas: type part of a step's name (either language), id or activity, and pick a
 * match to jump to it at a readable zoom. Enter jumps to the first match, Escape clears.
 */
import { Panel } from '@xyflow/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTextSide } from '../../i18n/useLocalized';
import { nodeMatches, nodeName } from '../../model/node-name';
import { useEditor } from '../../store';
import { useFocusNode } from './viewport';

const MAX_MATCHES = 8;

export function NodeFinder() {
  const { t } = useTranslation();
  const side = useTextSide();
  const nodes = useEditor((s) => s.overlay?.nodes ?? s.nodes);
  const focusNode = useFocusNode();
  const [query, setQuery] = useState('');
  const matches = query.trim() ? nodes.filter((n) => nodeMatches(n, query)).slice(0, MAX_MATCHES) : [];
  const jump = (id: string) => {
    focusNode(id);
    setQuery('');
  };

  return (
    <Panel position="top-left" className="node-finder">
      <input
        type="search"
        value={query}
        placeholder={t('canvas.find')}
        aria-label={t('canvas.find')}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) jump(matches[0].id);
          if (e.key === 'Escape') setQuery('');
        }}
        data-testid="node-finder"
      />
      {query.trim() !== '' && (
        <ul className="node-finder-matches" role="listbox" aria-label={t('canvas.findMatches')}>
          {matches.length === 0 && <li className="muted">{t('canvas.noMatch')}</li>}
          {matches.map((n) => (
            <li key={n.id}>
              <button type="button" role="option" aria-selected={false} onClick={() => jump(n.id)} data-testid={`node-finder-match-${n.id}`}>
                {nodeName(n, n.id, side)} <span className="muted">{t(`kind.${n.type}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
