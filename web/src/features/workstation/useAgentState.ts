import { useEffect } from 'react';
import { type AgentPresence, type AgentState, getMyState, setMyState } from '../../api/contacts.ts';
import { useAction, useLoad } from '../../app/hooks.ts';

export interface AgentStateHandle {
  state: AgentState | undefined;
  busy: boolean;
  set(next: { state: AgentPresence; reason?: string }): void;
  reload(): void;
}

/** The agent's desk state from the server, set through it, and re-read when a wrap-up runs out. */
export function useAgentState(): AgentStateHandle {
  const loaded = useLoad((s) => getMyState(s), []);
  const change = useAction((key, next: { state: AgentPresence; reason?: string }) => setMyState(key, next));
  const until = loaded.data?.until;
  const reload = loaded.reload;
  useEffect(() => {
    if (!until) return;
    const id = setTimeout(reload, Math.max(0, Date.parse(until) - Date.now()) + 500);
    return () => clearTimeout(id);
  }, [until, reload]);
  return {
    state: loaded.data,
    busy: change.busy || loaded.loading,
    set: (next) => {
      void change.run(next).then(reload);
    },
    reload,
  };
}
