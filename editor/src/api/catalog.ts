/** What the engine offers the editor: registered activities and its health. */
import { request } from './client';

export interface Bilingual {
  zh: string;
  en: string;
}

/** A registered activity as GET /api/activities describes it. */
export interface ActivityInfo {
  name: string;
  title: Bilingual;
  description: Bilingual;
  category: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  timeout?: string;
  retry?: Record<string, unknown>;
}

export interface Health {
  status: string;
  temporal: unknown;
  database: unknown;
  worker: unknown;
}

export const fetchActivities = () => request<ActivityInfo[]>('GET', '/activities');
export const fetchHealth = () => request<Health>('GET', '/health');
