/** The workflows the worker registers (this file is the bundle's entry point). */
export { runProcess } from './interpreter/workflow';
