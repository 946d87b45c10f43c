/**
 * The health-code system (health code, itinerary card, latest test report). Entry
 * points check every arrival against it; where it cannot be reached, or in a
 * local install, the presented documents are taken as shown.
 */

export const RISK_LEVELS = ['high', 'medium', 'low', 'none'] as const;
export type Risk = (typeof RISK_LEVELS)[number];
export const HEALTH_CODES = ['green', 'yellow', 'red'] as const;
export type HealthCode = (typeof HEALTH_CODES)[number];

/** What the person shows at the entry point. */
export interface PresentedDocuments {
  healthCode?: HealthCode;
  /** Places on the itinerary card, each with the risk level of its area. */
  itinerary?: { place: string; risk: Risk }[];
  testReport?: { result: 'negative' | 'positive'; takenAt: string };
}

/** The facts the arrival-classification rules read. */
export interface DocumentFindings {
  healthCode: HealthCode;
  itineraryRisk: Risk;
  testResult: 'negative' | 'positive' | 'none';
  /** Hours since the latest test; NO_TEST_AGE_HOURS when there is none (the rule set's default). */
  testAgeHours: number;
}

export const NO_TEST_AGE_HOURS = 9999;

export interface HealthCodeSystem {
  /** Recorded with each check, so a finding says which system gave it. */
  readonly source: string;
  check(person: { idType: string; idNumber: string }, presented: PresentedDocuments, at: Date): Promise<DocumentFindings>;
}

/** Offline: trusts the presented documents; a missing health code counts as yellow (unverified). */
export class PresentedDocumentsHealthCodes implements HealthCodeSystem {
  readonly source = 'local';

  async check(_person: { idType: string; idNumber: string }, presented: PresentedDocuments, at: Date): Promise<DocumentFindings> {
    const risks = (presented.itinerary ?? []).map((p) => p.risk);
    const itineraryRisk = RISK_LEVELS.find((level) => risks.includes(level)) ?? 'none';
    const report = presented.testReport;
    const takenAt = report ? Date.parse(report.takenAt) : NaN;
    const hasTest = report !== undefined && Number.isFinite(takenAt);
    return {
      healthCode: presented.healthCode ?? 'yellow',
      itineraryRisk,
      testResult: hasTest ? report.result : 'none',
      testAgeHours: hasTest ? Math.max(0, Math.round(((at.getTime() - takenAt) / 3_600_000) * 10) / 10) : NO_TEST_AGE_HOURS,
    };
  }
}
