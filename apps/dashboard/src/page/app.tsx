import { useState } from 'preact/hooks';
import { RepositoryView } from './components/repository-view';
import type { Selection } from './components/repository-view';
import { SandboxRuns } from './components/sandbox-runs';
import { Timeline } from './components/timeline';
import { Clock } from './components/clock';
import { useLiveState } from './state/use-live-state';

/** The dashboard: every repository of the home (sessions and conflict matrix), the timeline and the sandbox runs, live. */
export function App() {
  const { state, connection } = useLiveState();
  const [selection, setSelection] = useState<Selection | null>(null);
  return (
    <div class="page">
      <header class="top">
        <h1>parallel-cc</h1>
        <span class={`connection connection-${connection}`} data-connection={connection}>
          {connection === 'live' ? 'live' : connection === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </span>
        {state ? (
          <span class="muted small">
            {state.repositories.length} {state.repositories.length === 1 ? 'repository' : 'repositories'} ·{' '}
            {state.repositories.reduce((n, r) => n + r.sessions.length, 0)} sessions · updated <Clock at={state.generatedAt} />
          </span>
        ) : null}
      </header>
      {state === null ? <p class="empty">Loading…</p> : null}
      <main>
        {state && state.repositories.length === 0 ? <p class="empty">No sessions in this home yet.</p> : null}
        {state?.repositories.map((repo) => (
          <RepositoryView
            key={repo.repoPath}
            repo={repo}
            selected={selection?.repoPath === repo.repoPath ? selection.key : null}
            onSelect={setSelection}
          />
        ))}
        {state ? (
          <div class="columns">
            <section class="panel" aria-label="Timeline">
              <h2>Merges and notices</h2>
              <Timeline entries={state.timeline} />
            </section>
            <section class="panel" aria-label="Sandbox runs">
              <h2>Sandbox runs</h2>
              <SandboxRuns runs={state.sandboxRuns} />
            </section>
          </div>
        ) : null}
      </main>
    </div>
  );
}
