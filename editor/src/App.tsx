/**
 * The app shell: the sign-in page until someone is signed in; then the header and the screen the
 * hash route names, if the user may use it. A session that ends brings the sign-in page up over it.
 */
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from './auth/session';
import { Header } from './components/Header';
import { parseRoute, useHash, type Route } from './routes';
import { AuditScreen } from './screens/AuditScreen';
import { CaseListScreen } from './screens/CaseListScreen';
import { CaseScreen } from './screens/CaseScreen';
import { DailyDispatchScreen } from './screens/DailyDispatchScreen';
import { DeadlineBoardScreen } from './screens/DeadlineBoardScreen';
import { DutyScreen } from './screens/DutyScreen';
import { HeatmapScreen } from './screens/HeatmapScreen';
import { InboxScreen } from './screens/InboxScreen';
import { ListScreen } from './screens/ListScreen';
import { ProcessEditorScreen } from './screens/ProcessEditorScreen';
import { FormsScreen } from './screens/FormsScreen';
import { SchedulesScreen } from './screens/SchedulesScreen';
import { RiskAreasScreen } from './screens/RiskAreasScreen';
import { SignInScreen } from './screens/SignInScreen';
import { TaskScreen } from './screens/TaskScreen';

/** The rule set editor is a separate chunk: opening a process does not pay for it. */
const RuleSetEditorScreen = lazy(() => import('./screens/RuleSetEditorScreen').then((m) => ({ default: m.RuleSetEditorScreen })));

/** What a user needs to open each screen (any one of the permissions). */
const NEEDS: Record<Route['screen'], string[]> = {
  list: ['process.read', 'ruleset.read'],
  process: ['process.read'],
  heatmap: ['case.read'],
  sandbox: ['process.read'],
  ruleset: ['ruleset.read'],
  forms: ['form.read'],
  cases: ['case.read'],
  case: ['case.read'],
  audit: ['audit.read'],
  schedules: ['schedule.read'],
  inbox: ['task.read'],
  task: ['task.read'],
  deadlines: ['deadline.read'],
  duty: ['duty.read'],
  dispatch: ['case.read'],
  riskAreas: ['case.read'],
};

function Screen({ route }: { route: Route }): ReactNode {
  const { t } = useTranslation();
  const can = useCan();
  if (!NEEDS[route.screen].some(can)) {
    return (
      <main className="screen-message" data-testid="no-access">
        <p>{t('access.denied')}</p>
      </main>
    );
  }
  switch (route.screen) {
    case 'list':
      return <ListScreen />;
    case 'process':
      return <ProcessEditorScreen key={`p:${route.key}`} processKey={route.key} sandboxSize={0} />;
    case 'heatmap':
      return <HeatmapScreen key={route.key} processKey={route.key} />;
    case 'sandbox':
      return <ProcessEditorScreen key={`s:${route.size}`} processKey={null} sandboxSize={route.size} />;
    case 'ruleset':
      return (
        <Suspense fallback={<p className="screen-message">{t('common.loading')}</p>}>
          <RuleSetEditorScreen key={route.key} rulesetKey={route.key} />
        </Suspense>
      );
    case 'forms':
      return <FormsScreen key={route.key ?? ''} formKey={route.key} />;
    case 'cases':
      return <CaseListScreen />;
    case 'case':
      return <CaseScreen key={route.id} caseId={route.id} />;
    case 'audit':
      return <AuditScreen />;
    case 'schedules':
      return <SchedulesScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'task':
      return <TaskScreen key={route.id} taskId={route.id} />;
    case 'deadlines':
      return <DeadlineBoardScreen />;
    case 'duty':
      return <DutyScreen />;
    case 'dispatch':
      return <DailyDispatchScreen />;
    case 'riskAreas':
      return <RiskAreasScreen />;
  }
}

export function App() {
  const { t } = useTranslation();
  const route = parseRoute(useHash());
  const status = useSession((s) => s.status);
  const load = useSession((s) => s.load);
  useEffect(() => void load(), [load]);
  if (status === 'loading') return <p className="screen-message">{t('common.loading')}</p>;
  if (status === 'signedOut') return <SignInScreen />;
  return (
    <div className="app">
      <Header />
      <Screen route={route} />
      {status === 'expired' && <SignInScreen expired />}
    </div>
  );
}
