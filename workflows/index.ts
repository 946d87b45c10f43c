/** The workflows the worker registers (this file is the bundle's entry point), each under the name it is started by. */
export { runProcess } from './interpreter/workflow';
export { scheduledCaseStart } from './scheduled-start';
export { bulkJob } from './bulk-job';
export { dryRunProcess } from './interpreter/dry-run';
