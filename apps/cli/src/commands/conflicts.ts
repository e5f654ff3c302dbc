import * as path from 'node:path';
import { Command, Option, UsageError } from 'clipanion';
import type { ConflictEngineTables, ConflictReport, HistoryDatabase, SuggestionsReport } from '@parallel-cc/conflict-engine';
import { withCoordinator, writeJson } from '../coordinator';
import type { PccContext } from '../context';
import { colorsFor } from '../output/colors';
import { notTogether, requireWith } from '../options';

/** `parallel-cc conflicts`: who would conflict with whom, how, and what would fix it. */
export class ConflictsCommand extends Command<PccContext> {
  static override paths = [['conflicts']];
  static override usage = Command.Usage({
    category: 'Merges',
    description: "Preview conflicts between parallel sessions' branches before anyone merges; classify them, suggest and apply fixes",
    details: `
      Without \`--branch\`, compares the branches of every live session of the repository with each other and with their base branch: a matrix of who would conflict with whom, on which files and declarations. With \`--branch B --with T\`, checks merging branch B into T (any refs): the same as the MCP tool check_conflicts with \`branch\` B and \`target_branch\` T.

      Uses \`git merge-tree --write-tree\`: no checkout, no index, nothing in any worktree changes, so it is safe while agents work. Each conflict is classified: TRIVIAL (formatting or import order), STRUCTURAL (independent additions), CONCURRENT (both edit one declaration) or SEMANTIC (one side changes or removes what the other uses).

      \`--suggest\` computes whole-file fixes for TRIVIAL and STRUCTURAL conflicts (each checked: code must parse and keep both sides' declarations), records them, and prints their ids; \`--model\` also asks a language model about CONCURRENT ones (needs ANTHROPIC_API_KEY). \`--apply ID\` writes one into the worktree where the branch merged into (\`--with\`) is checked out, only if the file is unchanged since, keeping a backup in the git folder; applying it again while the file holds it says "already applied" (and when), writes nothing and exits 0.

      Exit code 1 when a merge would conflict (or a check failed), 0 when all is clean.
    `,
    examples: [
      ['Would any two sessions of this repository conflict?', '$0 conflicts'],
      ['Would my branch conflict with main?', '$0 conflicts --branch parallel-cc/1a2b3c4d --with main'],
      ['Suggest fixes for merging feature into main, then apply one', '$0 conflicts --branch feature --with main --suggest\n$0 conflicts --apply 3f2a9c1b7d4e'],
      ['Past conflicts and how they were resolved', '$0 conflicts --history --json'],
    ],
  });

  branch = Option.String('--branch', { description: 'The branch to merge (theirs), as check_conflicts\u2019 branch; omit to compare all live sessions' });
  with = Option.String('--with', { description: 'The branch it would be merged into (ours), as check_conflicts\u2019 target_branch' });
  repo = Option.String('--repo', { description: 'A folder of the repository (default: the current folder)' });
  suggest = Option.Boolean('--suggest', false, { description: 'Suggest whole-file fixes and record them for --apply' });
  model = Option.Boolean('--model', false, { description: 'With --suggest: ask a language model about CONCURRENT conflicts (ANTHROPIC_API_KEY)' });
  apply = Option.String('--apply', { description: 'Apply the recorded suggestion with this id' });
  worktree = Option.String('--worktree', { description: 'With --apply: the folder to write in (default: where its branch is checked out)' });
  history = Option.Boolean('--history', false, { description: 'List recorded conflicts and their resolutions' });
  limit = Option.String('--limit', { description: 'With --history: at most this many (default 50)' });
  concurrency = Option.String('--concurrency', { description: 'Checks run at once when comparing sessions (1-16)' });
  json = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  override async execute(): Promise<number> {
    if ((this.branch === undefined) !== (this.with === undefined)) {
      throw new UsageError('Give --branch and --with together (two branches to compare), or neither (compare every live session).');
    }
    this.refuseContradictions();
    if (this.model && !this.context.env.ANTHROPIC_API_KEY) {
      throw new UsageError('--model needs ANTHROPIC_API_KEY in the environment; without it, --suggest uses its rules only.');
    }
    const repo = path.resolve(this.context.cwd, this.repo ?? '.');
    if (this.apply !== undefined) return this.applySuggestion(this.apply);
    if (this.history) return this.showHistory(repo);
    if (this.branch !== undefined && this.with !== undefined) return this.comparePair(repo, this.with, this.branch);
    return this.compareSessions(repo);
  }

  /** Options that belong to different tasks (apply a fix, list the history, compare) are refused together. */
  private refuseContradictions(): void {
    notTogether({ '--apply': this.apply !== undefined, '--history': this.history }, 'each is a task of its own');
    const task = this.apply !== undefined ? '--apply' : this.history ? '--history' : undefined;
    const comparing = { '--branch': this.branch !== undefined, '--suggest': this.suggest, '--concurrency': this.concurrency !== undefined };
    for (const [flag, given] of Object.entries(comparing)) if (task) notTogether({ [task]: true, [flag]: given }, `${task} compares no branches`);
    notTogether({ '--concurrency': this.concurrency !== undefined, '--branch': this.branch !== undefined }, '--concurrency is for comparing every live session');
    requireWith('--model', this.model, '--suggest', this.suggest);
    requireWith('--worktree', this.worktree !== undefined, '--apply', this.apply !== undefined);
    requireWith('--limit', this.limit !== undefined, '--history', this.history);
  }

  private async comparePair(repo: string, ours: string, theirs: string): Promise<number> {
    const engine = await import('@parallel-cc/conflict-engine');
    const report = await engine.detectConflicts({ repo, ours, theirs });
    const suggestions = this.suggest ? await this.suggestAndRecord([{ repo, ours, theirs, report }]) : undefined;
    if (this.json) writeJson(this.context, { ...report, ...(suggestions ? suggestions[0] : {}) });
    else await this.printPair(ours, theirs, report, suggestions?.[0]);
    return report.clean ? 0 : 1;
  }

  private async compareSessions(repo: string): Promise<number> {
    const { previewSessionConflicts } = await import('@parallel-cc/merge-detector');
    const { parsePositiveInt } = await import('../options');
    const concurrency = this.concurrency === undefined ? undefined : parsePositiveInt(this.concurrency, '--concurrency');
    const preview = await withCoordinator(this.context, (c) => previewSessionConflicts(c, { repoRoot: repo, concurrency }));
    const conflicting = preview.checks.filter((c) => c.status === 'conflicts');
    const suggestions = this.suggest
      ? await this.suggestAndRecord(conflicting.map((c) => ({ repo: preview.repo, ours: c.ours, theirs: c.theirs })))
      : undefined;
    if (this.json) {
      writeJson(this.context, suggestions ? { ...preview, checks: preview.checks.map((c) => ({ ...c, ...suggestions[conflicting.indexOf(c)] })) } : preview);
    } else {
      const { renderConflictMatrix } = await import('../output/conflict-matrix');
      const { plural } = await import('@parallel-cc/core-sessions');
      this.context.stdout.write(renderConflictMatrix(preview, colorsFor(this.context), plural));
      if (suggestions) {
        const { suggestionLines } = await import('../output/conflict-lines');
        conflicting.forEach((c, i) => {
          this.context.stdout.write(`\nFixes for ${c.ours} × ${c.theirs}:\n${suggestionLines(suggestions[i]!, colorsFor(this.context)) || '  none\n'}`);
        });
      }
    }
    return preview.conflicting + preview.failed > 0 ? 1 : 0;
  }

  /** Suggests fixes for each merge, and records its conflicts and the suggestions for `--apply` and `--history`. */
  private async suggestAndRecord(merges: Array<{ repo: string; ours: string; theirs: string; report?: ConflictReport }>): Promise<SuggestionsReport[]> {
    const engine = await import('@parallel-cc/conflict-engine');
    const model = this.model ? (engine.anthropicModel({ env: this.context.env }) ?? undefined) : undefined;
    const results: SuggestionsReport[] = [];
    for (const merge of merges) {
      const report = merge.report ?? (await engine.detectConflicts(merge));
      const fixes = await engine.suggestFixes({ repo: merge.repo, ours: merge.ours, theirs: merge.theirs, model });
      const conflicts = report.conflicts.flatMap((c) => (c.classification ? [{ path: c.path, classification: c.classification }] : []));
      await this.withHistory(async (db) => {
        await engine.recordConflicts(db, { repo: merge.repo, ours: merge.ours, theirs: merge.theirs, conflicts });
        await engine.recordSuggestions(db, { repo: merge.repo, ours: merge.ours, theirs: merge.theirs, suggestions: fixes.suggestions });
      });
      results.push(fixes);
    }
    return results;
  }

  private async applySuggestion(id: string): Promise<number> {
    const engine = await import('@parallel-cc/conflict-engine');
    const worktree = this.worktree === undefined ? undefined : path.resolve(this.context.cwd, this.worktree);
    const result = await this.withHistory((db) => engine.applyStoredSuggestion(db, { id, worktree }));
    const { applied, suggestion } = result;
    if (this.json) writeJson(this.context, { ...applied, appliedAt: suggestion.appliedAt });
    else if (applied.alreadyApplied) {
      const when = suggestion.appliedAt ? ` at ${suggestion.appliedAt}` : '';
      this.context.stdout.write(`Fix ${id} was already applied to ${applied.file}${when}; nothing was written.\n`);
    } else {
      this.context.stdout.write(`Applied ${suggestion.strategy} fix ${id} to ${applied.file}\n`);
      if (applied.backup) this.context.stdout.write(`The previous content is kept in ${applied.backup}\n`);
    }
    return 0;
  }

  private async showHistory(repo: string): Promise<number> {
    const engine = await import('@parallel-cc/conflict-engine');
    const { parsePositiveInt } = await import('../options');
    const { resolveRepository } = await import('@parallel-cc/worktree-gtr');
    const root = this.repo === undefined ? undefined : (await resolveRepository(repo)).root;
    const limit = parsePositiveInt(this.limit ?? '50', '--limit');
    const entries = await this.withHistory((db) => engine.conflictHistory(db, { repo: root, limit }));
    if (this.json) writeJson(this.context, { entries, total: entries.length });
    else if (entries.length === 0) this.context.stdout.write('No conflicts recorded yet (they are recorded by --suggest).\n');
    else {
      for (const e of entries) {
        const resolved = e.resolution ? `${e.resolution}${e.strategy ? ` (${e.strategy})` : ''} ${e.resolvedAt}` : 'unresolved';
        this.context.stdout.write(`${e.detectedAt}  ${e.class.padEnd(10)}  ${e.path}  ${e.ours} × ${e.theirs}  ${resolved}\n`);
      }
    }
    return 0;
  }

  /** The coordinator database with every lib's tables, seen through conflict-engine's history tables. */
  private withHistory<T>(fn: (db: HistoryDatabase) => Promise<T>): Promise<T> {
    return withCoordinator(this.context, (c) => fn(c.tables<ConflictEngineTables>()), { allTables: true });
  }

  private async printPair(ours: string, theirs: string, report: ConflictReport, fixes?: SuggestionsReport): Promise<void> {
    const colors = colorsFor(this.context);
    const out = this.context.stdout;
    if (report.clean) {
      out.write(`${theirs} merges cleanly into ${ours}.\n`);
      return;
    }
    const { conflictLines, suggestionLines } = await import('../output/conflict-lines');
    const { plural } = await import('@parallel-cc/core-sessions');
    out.write(`Merging ${theirs} into ${ours} would conflict in ${plural(report.conflicts.length, 'file')}:\n${conflictLines(report.conflicts, colors)}`);
    if (fixes) out.write(`\nFixes:\n${suggestionLines(fixes, colors) || '  none\n'}`);
  }
}
