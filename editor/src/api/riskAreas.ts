/** The risk-area list and the re-evaluation of recent arrivals after a change (domain/riskareas, /api/risk-areas, /api/risk-reevaluations). */
import type { LocalizedText } from '../../../language';
import { request, seg } from './client';

export const LISTED_LEVELS = ['high', 'medium', 'low'] as const;
export type ListedLevel = (typeof LISTED_LEVELS)[number];

export interface ListedArea {
  area: string;
  level: ListedLevel;
  from: string;
  until: string | null;
  inEffect: boolean;
}

export interface AreaList {
  version: number;
  areas: ListedArea[];
}

export interface UnitSummary {
  orgUnit: string;
  name: LocalizedText;
  people: number;
  transitions: { from: string | null; to: string; count: number }[];
  nodes: Record<string, number>;
}

export interface PreviewedArrival {
  caseId: string;
  orgUnit: string;
  status: string;
  currentNodes: string[];
  classifiedWith: string;
  from: string | null;
  to: string;
  person: { name: string | null; idNumber: string | null } | null;
}

export interface ReevaluationPreview {
  id: string;
  area: string;
  level: ListedLevel;
  windowDays: number;
  people: number;
  unchanged: number;
  truncated: boolean;
  byOrgUnit: UnitSummary[];
  arrivals: PreviewedArrival[];
}

export interface ConfirmedReevaluation {
  id: string;
  moved: number;
  skipped: number;
  notices: number;
  cases: { caseId: string; newCaseId: string; orgUnit: string; from: string | null; to: string }[];
}

export const listAreas = () => request<AreaList>('GET', '/risk-areas');
/** Times as ISO instants; absent: from now, until further notice. */
export const addArea = (area: { area: string; level: ListedLevel; from?: string; until?: string }) => request<AreaList>('POST', '/risk-areas', area);
export const importAreas = (csv: string) => request<AreaList>('POST', '/risk-areas/import', { csv });
export const previewReevaluation = (area: string, windowDays: number) => request<ReevaluationPreview>('POST', '/risk-reevaluations/preview', { area, windowDays });
export const confirmReevaluation = (id: string) => request<ConfirmedReevaluation>('POST', `/risk-reevaluations/${seg(id)}/confirm`);
