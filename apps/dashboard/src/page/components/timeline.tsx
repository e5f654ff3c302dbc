import { useState } from 'preact/hooks';
import { memo } from 'preact/compat';
import { baseName, shortId } from '../format';
import { Clock } from './clock';
import type { TimelineEntry } from '../state/types';

const PAGE = 100;

/** Merges and notifications, newest first; the first hundred, more on request (a long list stays quick to draw). */
export const Timeline = memo(function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const [shown, setShown] = useState(PAGE);
  if (entries.length === 0) return <p class="empty">No merges or notices yet.</p>;
  return (
    <div>
      <ol class="timeline">
        {entries.slice(0, shown).map((e) => (
          <li key={e.type === 'merge' ? `m-${e.merge.id}` : `n-${e.notification.id}`} class={`entry entry-${e.type}`} data-entry={e.type}>
            <time dateTime={e.at}>
              <Clock at={e.at} />
            </time>
            <span class="badge">{e.type === 'merge' ? 'merge' : e.notification.kind}</span>
            <span class="muted">{baseName(e.repoPath)}</span>
            {e.type === 'merge' ? (
              <span>
                <span class="mono">{e.merge.branch}</span> → <span class="mono">{e.merge.targetBranch}</span> ({e.merge.how})
              </span>
            ) : (
              <span>
                <span class="mono muted">{shortId(e.notification.sessionId)}</span> {e.notification.text}
                {e.notification.deliveredAt ? null : <span class="badge pending">waiting</span>}
              </span>
            )}
          </li>
        ))}
      </ol>
      {entries.length > shown ? (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown}
        </button>
      ) : null}
    </div>
  );
});
