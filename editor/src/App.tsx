/** The app shell: header, then the screen the hash route names. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Header } from './components/Header';
import { parseRoute, useHash } from './routes';
import { ListScreen } from './screens/ListScreen';
import { ProcessEditorScreen } from './screens/ProcessEditorScreen';

/** The rule set editor is a separate chunk: opening a process does not pay for it. */
const RuleSetEditorScreen = lazy(() => import('./screens/RuleSetEditorScreen').then((m) => ({ default: m.RuleSetEditorScreen })));

export function App() {
  const { t } = useTranslation();
  const route = parseRoute(useHash());
  return (
    <div className="app">
      <Header />
      {route.screen === 'list' && <ListScreen />}
      {route.screen === 'process' && <ProcessEditorScreen key={`p:${route.key}`} processKey={route.key} sandboxSize={0} />}
      {route.screen === 'sandbox' && <ProcessEditorScreen key={`s:${route.size}`} processKey={null} sandboxSize={route.size} />}
      {route.screen === 'ruleset' && (
        <Suspense fallback={<p className="screen-message">{t('common.loading')}</p>}>
          <RuleSetEditorScreen key={route.key} rulesetKey={route.key} />
        </Suspense>
      )}
    </div>
  );
}
