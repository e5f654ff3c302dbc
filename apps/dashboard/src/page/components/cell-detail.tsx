import type { MatrixCell } from '../state/types';

/** What a clicked cell holds: each conflicting file with its class, reason and declarations, and the three versions of each region. */
export function CellDetail({ cell, onClose }: { cell: MatrixCell; onClose: () => void }) {
  const against = cell.against === 'base' ? `${cell.ours} against its base ${cell.theirs}` : `${cell.ours} and ${cell.theirs}`;
  return (
    <section class="detail" aria-label="Conflict details" data-detail={`${cell.oursRef}|${cell.theirsRef}`}>
      <header>
        <h3>{against}</h3>
        <button type="button" class="close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </header>
      {cell.status === 'failed' ? <p class="error">The check failed: {cell.reason}</p> : null}
      {cell.status === 'clean' ? <p>They merge cleanly.</p> : null}
      {cell.conflicts.map((c) => (
        <article key={c.path} class="conflict">
          <h4 class="mono">
            {c.path} <span class="badge">{c.kind}</span>{' '}
            {c.classification ? <span class={`badge class-${c.classification.class.toLowerCase()}`}>{c.classification.class}</span> : null}{' '}
            <span class={`badge source-${c.source}`}>{c.source}</span>
          </h4>
          {c.classification ? <p>{c.classification.reason}</p> : null}
          {c.classification && c.classification.declarations.length > 0 ? (
            <p>
              Declarations: <span class="mono">{c.classification.declarations.join(', ')}</span>
            </p>
          ) : null}
          {c.semantic ? <p class="mono small">{JSON.stringify(c.semantic)}</p> : null}
          {c.regions.length === 0 ? <p class="muted">No text regions (see git's message below).</p> : null}
          {c.regions.map((r) => (
            <div key={r.line} class="region">
              <div class="region-head muted small">region at merged line {r.line}</div>
              <div class="versions">
                <Version title={`ours (${cell.ours})`} text={r.ours} />
                <Version title="base" text={r.base} />
                <Version title={`theirs (${cell.theirs})`} text={r.theirs} />
              </div>
            </div>
          ))}
          {c.message ? <pre class="git-message">{c.message}</pre> : null}
        </article>
      ))}
    </section>
  );
}

function Version({ title, text }: { title: string; text: string | null }) {
  return (
    <div class="version">
      <div class="version-title small">{title}</div>
      <pre>{text ?? '(no base section)'}</pre>
    </div>
  );
}
