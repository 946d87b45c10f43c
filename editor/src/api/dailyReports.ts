/** The daily dispatch's kept reports (GET/POST /api/daily-reports/:day). */
import { request } from './client';

type Text = { zh: string; en: string };

/** A section's figures: item → count (the server's schema, domain/dispatch/figures.ts). */
export type SectionFigures = Record<string, number>;

export interface DailyReport {
  id: string;
  day: string;
  orgUnit: string;
  unitName: Text;
  revision: number;
  asOf: string;
  generatedAt: string;
  generatedBy: string;
  figures: Record<string, SectionFigures> & { coverage: { group: string; enrolled: number; overdue: number }[] };
}

export interface DayReports {
  day: string;
  reports: DailyReport[];
  /** Each section's name and its items' names, in the order to show them. */
  labels: Record<string, { label: Text; items: Record<string, Text> }>;
  groupLabels: Record<string, Text>;
}

export const dayReports = (day: string) => request<DayReports>('GET', `/daily-reports/${encodeURIComponent(day)}`);

export const generateDay = (day: string) => request<DayReports>('POST', `/daily-reports/${encodeURIComponent(day)}`);

export const reportPdfHref = (report: Pick<DailyReport, 'day' | 'orgUnit' | 'revision'>) =>
  `/api/daily-reports/${encodeURIComponent(report.day)}/${encodeURIComponent(report.orgUnit)}/pdf?revision=${report.revision}`;
