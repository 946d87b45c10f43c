/** The benchmark's bundle: the interpreter and its hand-written twin, run by one worker. */
export { runProcess } from '../../workflows/interpreter/workflow';
export { handwrittenDecisions, handwrittenProcess } from './handwritten';
