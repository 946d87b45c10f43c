/** What the editor and its validation worker say to each other. */
import type { ProcessDefinition } from '../../../workflows/definition/schema';
import type { Problem } from '../../../language';

export interface ValidationRequest {
  /** Increases with every request, so an answer that arrives after a newer request is dropped. */
  seq: number;
  definition: ProcessDefinition;
  activities?: string[];
  /** Input JSON Schemas by activity name, so the editor flags a step's inputs as publish would. */
  activityInputs?: Record<string, Record<string, unknown>>;
}

export interface ValidationReply {
  seq: number;
  problems: Problem[];
}
