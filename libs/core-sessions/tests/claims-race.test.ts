// Two processes claiming one fresh file EXCLUSIVE at the same moment: exactly one may win. Child
// processes run plain node, so they load the built library (libs/*/dist): the `test` target builds it first.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeRepo, makeTempDir, removeTempDirs } from '@parallel-cc/test-utils';
import { openCoordinator, registerSession } from '../src';
import type { ClaimOutcome, Coordinator, Registration } from '../src';
import { cleanHome, liveProcess, stopLiveProcesses, waitFor } from './support';

const ROUNDS = 6;
const BUILT = path.resolve(__dirname, '..', 'dist', 'index.js');

// Each racer plays every round: it waits for that round's go file, claims, and prints one JSON line.
const CHILD = `
const fs = require('fs');
const [coreEntry, sessionId, dir, rounds] = process.argv.slice(2);
const core = require(coreEntry);
const waitFor = (file) => new Promise((resolve) => {
  const timer = setInterval(() => { if (fs.existsSync(file)) { clearInterval(timer); resolve(); } }, 1);
});
(async () => {
  const coordinator = await core.openCoordinator({ env: process.env });
  try {
    process.stdout.write('ready\\n');
    for (let round = 0; round < Number(rounds); round++) {
      await waitFor(dir + '/go-' + round);
      const outcome = await core.claimFile(coordinator, { sessionId, filePath: 'src/race-' + round + '.ts', mode: 'EXCLUSIVE' });
      process.stdout.write(JSON.stringify(outcome) + '\\n');
    }
  } finally {
    await coordinator.close();
  }
})().catch((error) => {
  process.stderr.write(String(error && error.code) + ' ' + String(error && error.stack) + '\\n');
  process.exit(1);
});
`;

interface Racer {
  lines: () => string[];
  stderr: () => string;
  exited: Promise<number | null>;
}

let coordinator: Coordinator;
const home = cleanHome();

afterAll(async () => {
  await coordinator.close();
  await stopLiveProcesses();
  removeTempDirs();
});

describe('two processes racing for one EXCLUSIVE claim', () => {
  it(`exactly one wins, every time (${ROUNDS} rounds)`, async () => {
    if (!fs.existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npx nx run core-sessions:build\` first.`);
    coordinator = await openCoordinator({ env: home.env });
    const repo = makeRepo({ 'README.md': '# race\n' });
    const sessions: Registration[] = [];
    for (let i = 0; i < 2; i++) sessions.push(await registerSession(coordinator, { repo, pid: liveProcess().pid, env: home.env }));

    const dir = makeTempDir('pcc-claim-race-');
    const script = path.join(dir, 'racer.js');
    fs.writeFileSync(script, CHILD);
    const racers: Racer[] = sessions.map((s) => {
      const child = spawn(process.execPath, [script, BUILT, s.sessionId, dir, String(ROUNDS)], { env: home.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
      child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
      return {
        // Whole lines only: a line still being written is not an answer yet.
        lines: () => stdout.split('\n').slice(0, -1),
        stderr: () => stderr,
        exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
      };
    });
    await waitFor(() => racers.every((r) => r.lines()[0] === 'ready') || racers.some((r) => r.stderr() !== ''), 'both racers to open the database', 40_000);
    expect(racers.map((r) => r.stderr())).toEqual(['', '']);

    for (let round = 0; round < ROUNDS; round++) {
      fs.writeFileSync(path.join(dir, `go-${round}`), '');
      await waitFor(() => racers.every((r) => r.lines().length >= round + 2) || racers.some((r) => r.stderr() !== ''), `round ${round}`, 20_000);
      expect(racers.map((r) => r.stderr())).toEqual(['', '']);
      const outcomes = racers.map((r) => JSON.parse(r.lines()[round + 1] ?? 'null') as ClaimOutcome);
      const winners = outcomes.filter((o) => o.granted);
      expect(winners).toHaveLength(1);
      const loser = outcomes.find((o) => !o.granted);
      const winner = winners[0];
      if (!loser || loser.granted || !winner?.granted) throw new Error('expected one grant and one refusal');
      expect(loser.holders).toEqual([winner.claim]);
      const rows = coordinator.raw.prepare('select session_id, mode from file_claims where file_path = ?').all(`src/race-${round}.ts`);
      expect(rows).toEqual([{ session_id: winner.claim.sessionId, mode: 'EXCLUSIVE' }]);
    }
    expect(await Promise.all(racers.map((r) => r.exited))).toEqual([0, 0]);
  }, 90_000);
});
