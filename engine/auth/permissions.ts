/**
 * The one table of who may do what: permissions are named strings, a role is a set of them.
 * Add a permission here and nowhere else; every route names one (engine/http/route.ts).
 */

/** Every permission, with what it lets its holder do (shown to administrators and in the README). */
export const PERMISSIONS = {
  'process.read': 'read processes and their versions',
  'process.write': 'create processes and save drafts',
  'process.publish': 'publish a process draft as a version',
  'ruleset.read': 'read rule sets and their versions, try them on facts',
  'ruleset.write': 'create rule sets, save drafts, preview their impact on recorded decisions',
  'ruleset.publish': 'publish a rule set draft as a version',
  'form.read': 'read task forms and their versions',
  'form.write': 'create task forms and save drafts',
  'form.publish': 'publish a task form draft as a version',
  'activity.read': 'read the palette of activities',
  'case.read': 'read cases, their state and decisions',
  'case.start': 'start cases',
  'case.act': 'send events to cases and cancel them',
  'case.migrate': 'move a waiting case to another version',
  'case.terminate': 'end a running case at once',
  'case.bulk': 'act on many cases at once',
  'incident.resolve': 'resolve a case\'s incident: retry the failed step, skip it, or fail the case',
  'schedule.read': 'read scheduled starts',
  'schedule.manage': 'create, change, pause and delete scheduled starts',
  'task.read': 'read human tasks',
  'task.act': 'complete human tasks',
  'task.assign': 'assign human tasks to people',
  'pii.read': 'see personal data in clear (each read is audited)',
  'audit.read': 'read the audit log',
  'report.generate': 'compile a daily report now, kept as the day\'s next revision (reading reports needs case.read)',
  'user.manage': 'create, change and disable accounts',
  'orgunit.manage': 'edit the org-unit tree',
  'deadline.read': 'read the deadline board',
  'duty.read': 'read the duty rosters, who is on duty and the duty-gap report',
  'duty.manage': 'put people on duty: add, change and remove shifts of the duty roster',
  'account.self': 'see one\'s own account, sign out, manage one\'s own API tokens',
} as const;

export type Permission = keyof typeof PERMISSIONS;

/** Every permission name. */
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** Permissions that act on cases, their incidents, tasks, deadlines, scheduled starts and duty rosters: a holder uses them only inside their org units' subtrees. */
export const ORG_SCOPED: ReadonlySet<Permission> = new Set(PERMISSION_NAMES.filter((p) => /^(case|incident|task|deadline|schedule|duty)\./.test(p)));

export const ROLE_NAMES = ['admin', 'designer', 'operator', 'supervisor', 'auditor'] as const;

export type RoleName = (typeof ROLE_NAMES)[number];

const operator: Permission[] = ['account.self', 'activity.read', 'process.read', 'case.read', 'case.start', 'case.act', 'incident.resolve', 'task.read', 'task.act', 'duty.read'];

/** What each role may do. */
export const ROLES: Record<RoleName, readonly Permission[]> = {
  admin: PERMISSION_NAMES,
  designer: ['account.self', 'process.read', 'process.write', 'process.publish', 'ruleset.read', 'ruleset.write', 'ruleset.publish', 'form.read', 'form.write', 'form.publish', 'activity.read'],
  operator,
  supervisor: [...operator, 'case.migrate', 'case.terminate', 'case.bulk', 'task.assign', 'deadline.read', 'schedule.read', 'schedule.manage', 'duty.manage', 'report.generate'],
  auditor: ['account.self', 'process.read', 'ruleset.read', 'form.read', 'case.read', 'task.read', 'audit.read', 'schedule.read', 'duty.read'],
};

/** The union of the roles' permissions. */
export function permissionsOf(roles: readonly RoleName[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLES[r]));
}

/** Whether a string names a permission. */
export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}
