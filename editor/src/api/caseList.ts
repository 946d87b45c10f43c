/** The case list (GET /api/cases): its filters, as the API names them, and a page of cases with the total. */
import { request } from './client';

export interface CaseListFilter {
  processKey?: string;
  version?: number;
  status?: string;
  /** A node the cases are at now. */
  node?: string;
  /** The unit and the units below it. */
  orgUnit?: string;
  /** Matched exactly, through its hash; never put in the URL (it is personal). */
  businessKey?: string;
  startedFrom?: string;
  startedTo?: string;
  endedFrom?: string;
  endedTo?: string;
  hasIncident?: boolean;
  overdue?: boolean;
  sort?: 'startedAt' | 'endedAt';
  order?: 'asc' | 'desc';
}

export interface CaseListItem {
  caseId: string;
  processKey: string;
  version: number;
  status: string;
  currentNodes: string[];
  orgUnit: string | null;
  startedAt: string;
  endedAt: string | null;
  dueAt: string | null;
  overdue: boolean;
  hasIncident: boolean;
}

export interface CaseListPage {
  items: CaseListItem[];
  nextCursor: string | null;
  /** Exact when `totalExact`; else the database's estimate (over 10,000). */
  total: number;
  totalExact: boolean;
}

export function listCases(filter: CaseListFilter, limit: number, cursor?: string): Promise<CaseListPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  for (const [name, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(name, String(value));
  if (cursor) query.set('cursor', cursor);
  return request<CaseListPage>('GET', `/cases?${query}`);
}
