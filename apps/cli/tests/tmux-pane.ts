// A real terminal for tests: a tmux server of its own (a socket named for the test, so that
// nothing of the user's or of another test is touched), one window running bash.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { waitFor } from './support';

let count = 0;

/** A tmux window of a fresh server; `kill()` ends the server (call it in teardown). */
export interface TmuxPane {
  /** Types `keys` (tmux key names such as `Enter`, `C-c`, or literal text). */
  send(...keys: string[]): void;
  /** Types `text` literally, then Enter. */
  type(text: string): void;
  /** What the pane shows now. */
  capture(): string;
  /** Resolves with the pane's content once `check` holds for it; fails after `ms` showing it. */
  waitFor(check: (screen: string) => boolean, what: string, ms?: number): Promise<string>;
  kill(): void;
}

/** Starts a 120×40 tmux window running `bash --norc` with `env`. */
export function startTmux(env: NodeJS.ProcessEnv): TmuxPane {
  const socket = `pcc-test-${process.pid}-${++count}`;
  const childEnv: NodeJS.ProcessEnv = { ...env, PS1: '$ ', TERM: 'xterm-256color' };
  delete childEnv.TMUX;
  const tmux = (...args: string[]): string => {
    const result = spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { env: childEnv, encoding: 'utf8', timeout: 10_000 });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    return result.stdout;
  };
  tmux('new-session', '-d', '-x', '120', '-y', '40', '--', 'bash', '--norc', '--noprofile');
  const socketPath = tmux('display-message', '-p', '#{socket_path}').trim();
  const pane: TmuxPane = {
    send: (...keys) => void tmux('send-keys', ...keys),
    type: (text) => {
      tmux('send-keys', '-l', text);
      tmux('send-keys', 'Enter');
    },
    capture: () => tmux('capture-pane', '-p'),
    async waitFor(check, what, ms = 20_000) {
      let screen = '';
      await waitFor(() => check((screen = pane.capture())), ms, () => `${what}; the pane shows:\n${screen}`);
      return screen;
    },
    kill: () => {
      spawnSync('tmux', ['-L', socket, 'kill-server'], { env: childEnv });
      // tmux leaves the socket file behind.
      fs.rmSync(socketPath, { force: true });
    },
  };
  return pane;
}
