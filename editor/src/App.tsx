/** The app shell: header, then the screen the hash route names. */
import { Header } from './components/Header';
import { parseRoute, useHash } from './routes';
import { ListScreen } from './screens/ListScreen';
import { ProcessEditorScreen } from './screens/ProcessEditorScreen';
import { RuleSetEditorScreen } from './screens/RuleSetEditorScreen';

export function App() {
  const route = parseRoute(useHash());
  return (
    <div className="app">
      <Header />
      {route.screen === 'list' && <ListScreen />}
      {route.screen === 'process' && <ProcessEditorScreen key={`p:${route.key}`} processKey={route.key} sandboxSize={0} />}
      {route.screen === 'sandbox' && <ProcessEditorScreen key={`s:${route.size}`} processKey={null} sandboxSize={route.size} />}
      {route.screen === 'ruleset' && <RuleSetEditorScreen key={route.key} rulesetKey={route.key} />}
    </div>
  );
}
