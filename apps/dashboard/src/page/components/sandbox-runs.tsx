import { memo } from 'preact/compat';
import { baseName, shortId } from '../format';
import { Clock } from './clock';
import type { LiveSandboxRun } from '../state/types';

/** Sandbox runs, newest first, each with its status and the end of its log. */
export const SandboxRuns = memo(function SandboxRuns({ runs }: { runs: LiveSandboxRun[] }) {
  if (runs.length === 0) return <p class="empty">No sandbox runs.</p>;
  return (
    <div class="runs">
      {[...runs].reverse().map((r) => (
        <details key={r.id} class="run" data-run-id={r.id} open={r.alive}>
          <summary>
            <span class="mono">{shortId(r.id)}</span> <span class={`badge run-${r.status}`}>{r.status}</span>
            {r.alive ? <span class="badge live">running</span> : null} <span class="muted">{baseName(r.repoPath)}</span>{' '}
            <span class="mono">{r.branch ?? ''}</span> <span class="muted">
              <Clock at={r.createdAt} />
            </span>
            {r.prUrl ? (
              <a href={r.prUrl} rel="noreferrer noopener" target="_blank">
                {' '}
                pull request
              </a>
            ) : null}
          </summary>
          <p class="small">{r.prompt}</p>
          {r.error ? <p class="error">{r.error}</p> : null}
          <pre class="log">{r.logTail || '(no log yet)'}</pre>
        </details>
      ))}
    </div>
  );
});
