/** The testing labs that take samples and report results. */

export interface LabBooking {
  testId: string;
  /** Opaque person id or batch id. */
  subject: string;
  kind: string;
  dueAt: Date;
}

export interface TestingLab {
  readonly source: string;
  /** Books a sample; answers the lab's own reference for it. */
  book(booking: LabBooking): Promise<{ labRef: string }>;
}

/** Offline: the booking is only the row the activity stores; results arrive as case events. */
export class LocalTestingLab implements TestingLab {
  readonly source = 'local';

  async book(booking: LabBooking): Promise<{ labRef: string }> {
    return { labRef: `local:${booking.testId}` };
  }
}
