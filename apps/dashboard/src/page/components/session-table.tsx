import { memo } from 'preact/compat';
import { baseName, shortId } from '../format';
import { Age } from './clock';
import type { LiveSession } from '../state/types';

/** A repository's sessions: where each works, how it started, its branch and base, state, heartbeat age, files in progress and claims. */
export const SessionTable = memo(function SessionTable({ sessions }: { sessions: LiveSession[] }) {
  if (sessions.length === 0) return <p class="empty">No sessions.</p>;
  return (
    <table class="sessions">
      <thead>
        <tr>
          <th>Session</th>
          <th>Where</th>
          <th>Origin</th>
          <th>Branch</th>
          <th>Base</th>
          <th>State</th>
          <th title="Seconds since its last heartbeat">Heartbeat</th>
          <th>Files in progress</th>
          <th>Claims</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.sessionId} data-session-id={s.sessionId} class={`state-${s.state}`}>
            <td class="mono" title={s.sessionId}>
              {shortId(s.sessionId)}
            </td>
            <td class="mono" title={s.worktreePath}>
              {s.isMainRepo ? 'main checkout' : baseName(s.worktreePath)}
            </td>
            <td>{s.origin}</td>
            <td class="mono">{s.branch ?? '(detached)'}</td>
            <td class="mono">{s.baseBranch}</td>
            <td>
              <span class={`badge state-${s.state}`}>{s.state}</span>
              {s.problem ? <span class="problem" title={JSON.stringify(s.problem)}> ⚠</span> : null}
            </td>
            <td class="num">
              <Age since={s.lastHeartbeat} />
            </td>
            <td>
              <FileList session={s} />
            </td>
            <td>
              {s.claims.length === 0 ? <span class="muted">—</span> : s.claims.map((c) => (
                <div key={c.claimId} class="mono small" title={`until ${c.expiresAt}`}>
                  {c.filePath} <span class="badge">{c.mode}</span>
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

function FileList({ session }: { session: LiveSession }) {
  if (session.filesInProgressTotal === 0) return <span class="muted">—</span>;
  const shown = session.filesInProgress.slice(0, 5);
  const more = session.filesInProgressTotal - shown.length;
  return (
    <div>
      {shown.map((f) => (
        <div key={f.filePath} class="mono small" title={`lines ${f.lines}, ${f.uncommitted ? 'uncommitted' : 'committed'}`}>
          {f.filePath}
          <span class="muted"> {f.lines}</span>
          {f.uncommitted ? <span class="tag-uncommitted" title="uncommitted"> ~</span> : null}
        </div>
      ))}
      {more > 0 ? <div class="muted small">and {more} more</div> : null}
    </div>
  );
}
