/**
 * A process's heatmap: its graph coloured by how many running cases wait at each node, with the
 * median and 90th-percentile time visits spent there over a chosen period; a node opens the case
 * list filtered to it. Below the graph the same figures as a table, which a phone reads better.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import { processApi, processHeatmap } from '../api/processes';
import { ProcessGraphSvg } from '../components/graph/ProcessGraphSvg';
import { pickText, useTextSide } from '../i18n/useLocalized';
import { CASE_NODE, caseGraph } from '../model/caseGraph';
import { HEAT_LEVELS, heatOf, spanText, type HeatmapNode } from '../model/heatmap';
import { processHref } from '../routes';
import { errorText } from '../i18n/errorText';
import '../styles/heatmap.css';

const PERIODS = [7, 30, 90, 365] as const;
const DAY_MS = 86_400_000;

/** The case list filtered to the running cases at a node. */
const casesAt = (processKey: string, version: number, node: string) =>
  `#/cases?${new URLSearchParams({ processKey, version: String(version), node, status: 'running' })}`;

export function HeatmapScreen({ processKey }: { processKey: string }) {
  const { t } = useTranslation();
  const side = useTextSide();
  const [days, setDays] = useState<(typeof PERIODS)[number]>(30);
  const [version, setVersion] = useState<number | null>(null);
  const [versions, setVersions] = useState<number[]>([]);
  const [definition, setDefinition] = useState<ProcessDefinition | null>(null);
  const [figures, setFigures] = useState<Map<string, HeatmapNode> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    processApi
      .get(processKey)
      .then((doc) => {
        setVersions(doc.versions.map((v) => v.version).sort((a, b) => b - a));
        setVersion((v) => v ?? doc.latestVersion);
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, [processKey]);

  useEffect(() => {
    if (version === null) return;
    let stale = false;
    const to = new Date();
    const from = new Date(to.getTime() - days * DAY_MS);
    Promise.all([processApi.version(processKey, version), processHeatmap(processKey, { version, from: from.toISOString(), to: to.toISOString() })])
      .then(([v, heat]) => {
        if (stale) return;
        setDefinition(v.definition);
        setFigures(new Map(heat.nodes.map((n) => [n.nodeId, n])));
      })
      .catch((err: unknown) => !stale && setError(errorText(err)));
    return () => {
      stale = true;
    };
  }, [processKey, version, days]);

  const g = definition && caseGraph(definition, { activeNodes: [], history: [], incidentNodes: [] });
  const busiest = Math.max(0, ...[...(figures?.values() ?? [])].map((f) => f.open));
  const of = (id: string) => figures?.get(id);
  const go = (node: string) => version !== null && (window.location.hash = casesAt(processKey, version, node));

  return (
    <main className="list-screen heatmap-screen" data-testid="heatmap-screen">
      <section>
        <div className="section-head">
          <h2>
            {t('heatmap.title')}: {definition ? pickText(definition.name, side) : processKey}
          </h2>
          <a href={processHref(processKey)}>{t('heatmap.openEditor')}</a>
        </div>
        <div className="filters">
          <label className="field">
            <span className="field-label">{t('heatmap.version')}</span>
            <select value={version ?? ''} onChange={(e) => setVersion(Number(e.target.value))} data-testid="heatmap-version">
              {versions.map((v) => (
                <option key={v} value={v}>
                  v{v}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('heatmap.period')}</span>
            <select value={days} onChange={(e) => setDays(Number(e.target.value) as (typeof PERIODS)[number])} data-testid="heatmap-period">
              {PERIODS.map((d) => (
                <option key={d} value={d}>
                  {t('heatmap.lastDays', { count: d })}
                </option>
              ))}
            </select>
          </label>
        </div>
        {error && <p className="field-error">{t('list.loadFailed', { message: error })}</p>}
        {!g && !error && <p className="muted">{t('common.loading')}</p>}
        {g && (
          <>
            <p className="muted">{t('heatmap.explain')}</p>
            <div className="case-graph heatmap-graph">
              <ProcessGraphSvg
                graph={g}
                label={t('heatmap.title')}
                testIdPrefix="heat"
                nodeClass={(n) => `heat-${heatOf(of(n.id)?.open ?? 0, busiest)}`}
                nodeTitle={(n) => t('heatmap.nodeTitle', { open: of(n.id)?.open ?? 0, median: spanText(of(n.id)?.medianMs ?? null), p90: spanText(of(n.id)?.p90Ms ?? null) })}
                nodeData={(n) => ({ open: of(n.id)?.open ?? 0 })}
                onNodeClick={(n) => go(n.id)}
                nodeExtra={(n) => (
                  <>
                    {(of(n.id)?.open ?? 0) > 0 && (
                      <text x={CASE_NODE.width - 8} y="20" textAnchor="end" className="visits">
                        {of(n.id)!.open}
                      </text>
                    )}
                    {of(n.id)?.medianMs != null && (
                      <text x="10" y={CASE_NODE.height - 4} className="span">
                        {spanText(of(n.id)!.medianMs)} / {spanText(of(n.id)!.p90Ms)}
                      </text>
                    )}
                  </>
                )}
              />
            </div>
            <ul className="case-legend heat-legend">
              {Array.from({ length: HEAT_LEVELS + 1 }, (_, level) => (
                <li key={level} className={`case-node heat-${level}`}>
                  <span className="swatch" /> {t(`heatmap.level${level}`)}
                </li>
              ))}
            </ul>
            <table className="list-table stacking" data-testid="heatmap-table">
              <thead>
                <tr>
                  <th>{t('heatmap.node')}</th>
                  <th>{t('heatmap.open')}</th>
                  <th>{t('heatmap.visits')}</th>
                  <th>{t('heatmap.median')}</th>
                  <th>{t('heatmap.p90')}</th>
                </tr>
              </thead>
              <tbody>
                {g.nodes.map((n) => (
                  <tr key={n.id} data-testid="heatmap-row" data-node={n.id}>
                    <td data-label={t('heatmap.node')}>
                      <a href={version === null ? undefined : casesAt(processKey, version, n.id)}>{pickText(n.label, side) ?? n.id}</a>
                    </td>
                    <td data-label={t('heatmap.open')} data-testid="heatmap-open">
                      {of(n.id)?.open ?? 0}
                    </td>
                    <td data-label={t('heatmap.visits')}>{of(n.id)?.visits ?? 0}</td>
                    <td data-label={t('heatmap.median')}>{spanText(of(n.id)?.medianMs ?? null)}</td>
                    <td data-label={t('heatmap.p90')}>{spanText(of(n.id)?.p90Ms ?? null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </main>
  );
}
