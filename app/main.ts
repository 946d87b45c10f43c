/**
 * The composition root: `npm start`, `npm run api` and `npm run worker` run this file. It
 * composes the platform (engine/) with the epidemic domain (domain/) and nothing else.
 */
import { epidemicDomain } from '../domain';
import { launch } from '../engine/launch';

launch({ domain: epidemicDomain, entry: __filename });
