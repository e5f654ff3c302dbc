import { Command, Option } from 'clipanion';
import type { PccContext } from '../context';
import { sayNewSpelling } from '../older-spelling';
import { notTogether, requireWith } from '../options';
import { applyRecordedFix } from './conflicts/apply';
import { checkTogether } from './conflicts/check-together';
import { assertBranchPair, assertCheckOptions, checkMerges } from './conflicts/check-merges';
import type { CheckMergesOptions } from './conflicts/check-merges';
import { showConflictHistory } from './conflicts/history';

/** `parallel-cc conflicts`: who would conflict with whom, and how. */
export class ConflictsCommand extends Command<PccContext> {
  static override paths = [['conflicts']];
  /** The modes' older flags: out of the help, still accepted (each says its subcommand). */
  static readonly olderOptions = ['--suggest', '--model', '--apply', '--worktree', '--history', '--limit'];
  static override usage = Command.Usage({
    category: 'Merges',
    description: "Preview conflicts between parallel sessions' branches before anyone merges, and classify them",
    details: `
      Without \`--branch\`, compares the branches of every live session of the repository with each other and with their base branch: a matrix of who would conflict with whom, on which files and declarations. With \`--branch B --with T\`, checks merging branch B into T (any refs): the same as the MCP tool check_conflicts with \`branch\` B and \`target_branch\` T.

      A session's work is its branch plus the uncommitted work in its worktree (tracked changes and untracked files, not ignored ones), snapshotted through a temporary index; kept worktrees of dead sessions count too, stale sessions do not. Each conflict says whether it comes from committed or uncommitted work (\`source\` in JSON). A branch given with \`--branch\` or \`--with\` that a live session has checked out counts with its uncommitted work too.

      Uses \`git merge-tree --write-tree\`: no checkout, and no session's index or files change, so it is safe while agents work. Each conflict is classified: TRIVIAL (formatting or import order), STRUCTURAL (independent additions), CONCURRENT (both edit one declaration) or SEMANTIC (one side changes or removes what the other uses).

      \`conflicts suggest\` also suggests fixes and records them, \`conflicts apply <id>\` applies one, \`conflicts history\` lists the recorded conflicts. (Their older spellings, \`--suggest\`, \`--apply ID\` and \`--history\`, still work.)

      \`--check\` also runs the check the repository configured (\`git config parallel-cc.check "<command>"\`, e.g. \`npx tsc --noEmit\`; it runs as a shell command, \`sh -c\`, because you wrote it as one) on every live session's work merged together: one tree made with \`git merge-tree\` onto the sessions' base branch, checked out in a scratch worktree in a temp folder (the main checkout's \`node_modules\` linked in, never copied; the worktree is removed afterwards), the command run once. Only when it fails, each branch runs alone (a branch broken on its own is reported as such, never blamed on a pair), then the others are bisected to the pairs that fail together; each such pair is a SEMANTIC conflict in the matrix, with the command and the tail of its output. Branches that conflict textually are left out of the tree (they show as conflicts already). Results are cached per set of branch tips in \`$PARALLEL_CC_HOME/check-cache.json\`: with nothing changed, a second \`--check\` runs nothing. Each run is killed after \`--check-timeout\` seconds (default: \`git config parallel-cc.checkTimeout\`, else 600). The command gets your environment without ANTHROPIC_API_KEY, E2B_API_KEY, GITHUB_TOKEN, GH_TOKEN, NPM_TOKEN and CLAUDE_CODE_OAUTH_TOKEN, plus PARALLEL_CC_CHECK=1. With no check configured, \`--check\` exits 2 and says how to set one.

      Exit code 1 when a merge would conflict (or a check failed), 0 when all is clean.
    `,
    examples: [
      ['Would any two sessions of this repository conflict?', '$0 conflicts'],
      ['Would my branch conflict with main?', '$0 conflicts --branch parallel-cc/1a2b3c4d --with main'],
      ['The matrix as JSON', '$0 conflicts --json'],
      ['Type-check all live branches merged together', 'git config parallel-cc.check "npx tsc --noEmit" && $0 conflicts --check'],
    ],
  });

  branch = Option.String('--branch', { description: 'The branch to merge (theirs), as check_conflicts\u2019 branch; omit to compare all live sessions' });
  with = Option.String('--with', { description: 'The branch it would be merged into (ours), as check_conflicts\u2019 target_branch' });
  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  concurrency = Option.String('--concurrency', { description: 'Checks run at once when comparing sessions (1-16)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });
  check = Option.Boolean('--check', false, { description: 'Also run `git config parallel-cc.check` on all live branches merged together, and find the pairs that break it' });
  checkTimeout = Option.String('--check-timeout', { description: 'With --check: kill a run of the check after this many seconds (default parallel-cc.checkTimeout, else 600)' });
  suggest = Option.Boolean('--suggest', false, { hidden: true, description: 'Older spelling of `conflicts suggest`' });
  model = Option.Boolean('--model', false, { hidden: true, description: 'With --suggest: as `conflicts suggest --model`' });
  apply = Option.String('--apply', { hidden: true, description: 'Older spelling of `conflicts apply <id>`' });
  worktree = Option.String('--worktree', { hidden: true, description: 'With --apply: as `conflicts apply --worktree`' });
  history = Option.Boolean('--history', false, { hidden: true, description: 'Older spelling of `conflicts history`' });
  limit = Option.String('--limit', { hidden: true, description: 'With --history: as `conflicts history --limit`' });

  override async execute(): Promise<number> {
    const { branch, with: into, repo, concurrency, json } = this;
    // In the order the single command checked them, so that its messages stay as they were.
    assertBranchPair(branch, into);
    this.refuseOlderContradictions();
    if (this.apply !== undefined) {
      this.sayNewSpelling('conflicts --apply', 'conflicts apply <id>');
      return applyRecordedFix(this.context, { id: this.apply, worktree: this.worktree, json });
    }
    if (this.check) return checkTogether(this.context, { repo, concurrency, timeout: this.checkTimeout, json });
    if (this.history) {
      this.sayNewSpelling('conflicts --history', 'conflicts history');
      return showConflictHistory(this.context, { repo, limit: this.limit, json });
    }
    const check: CheckMergesOptions = { branch, with: into, repo, concurrency, json, ...(this.suggest ? { suggest: { model: this.model } } : {}) };
    assertCheckOptions(this.context, check);
    if (this.suggest) this.sayNewSpelling('conflicts --suggest', 'conflicts suggest');
    return checkMerges(this.context, check);
  }

  /** The older flags that belong to different tasks (apply a fix, list the history, compare) are refused together. */
  private refuseOlderContradictions(): void {
    notTogether({ '--apply': this.apply !== undefined, '--history': this.history }, 'each is a task of its own');
    const task = this.apply !== undefined ? '--apply' : this.history ? '--history' : undefined;
    const comparing = { '--branch': this.branch !== undefined, '--suggest': this.suggest, '--concurrency': this.concurrency !== undefined };
    for (const [flag, given] of Object.entries(comparing)) if (task) notTogether({ [task]: true, [flag]: given }, `${task} compares no branches`);
    notTogether({ '--concurrency': this.concurrency !== undefined, '--branch': this.branch !== undefined }, '--concurrency is for comparing every live session');
    requireWith('--model', this.model, '--suggest', this.suggest);
    requireWith('--worktree', this.worktree !== undefined, '--apply', this.apply !== undefined);
    requireWith('--limit', this.limit !== undefined, '--history', this.history);
    requireWith('--check-timeout', this.checkTimeout !== undefined, '--check', this.check);
    const checking = { '--branch': this.branch !== undefined, '--suggest': this.suggest, '--apply': this.apply !== undefined, '--history': this.history };
    for (const [flag, given] of Object.entries(checking)) notTogether({ '--check': this.check, [flag]: given }, '--check runs on every live session merged together');
  }

  private sayNewSpelling(older: string, now: string): void {
    sayNewSpelling(this.context, this.cli.binaryName, older, now);
  }
}
