import { useEffect, useState } from 'preact/hooks';
import { applyChange } from './apply-change';
import type { LiveState, StateChange } from './types';

/** Whether the event stream is open. */
export type Connection = 'connecting' | 'live' | 'reconnecting';

/**
 * The live state: `/api/events` sends the whole state first (and again after every reconnect),
 * then one `change` event per changed part, applied in order. The browser's EventSource reconnects
 * by itself; its cookie carries the token.
 */
export function useLiveState(): { state: LiveState | null; connection: Connection } {
  const [state, setState] = useState<LiveState | null>(null);
  const [connection, setConnection] = useState<Connection>('connecting');
  useEffect(() => {
    const events = new EventSource('/api/events');
    events.addEventListener('state', (event) => {
      setState(JSON.parse((event as MessageEvent<string>).data) as LiveState);
      setConnection('live');
    });
    events.addEventListener('change', (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as StateChange;
      setState((current) => (current ? applyChange(current, change) : current));
    });
    events.onerror = () => setConnection('reconnecting');
    return () => events.close();
  }, []);
  return { state, connection };
}
