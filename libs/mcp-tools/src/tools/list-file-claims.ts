import * as v from 'valibot';
import { optionalRepositoryScope } from '../session/repository-scope';
import { defineTool } from './define-tool';
import { filePathField, repoPathField } from './fields';
import { fileClaimOutput } from './outputs';
import { listed, plural, shortId } from './summary-text';

const Input = v.object({
  repo_path: v.optional(
    repoPathField("Any folder of the repository; default: the calling session's repository, else the one holding the server's folder."),
  ),
  file_path: v.optional(filePathField('Only claims on this file: relative to the top of the repository (or of your worktree), or absolute inside it.')),
});

const Output = v.object({ claims: v.array(fileClaimOutput), total: v.number() });

/** `list_file_claims`: the file claims that hold now. */
export const listFileClaims = defineTool({
  name: 'list_file_claims',
  title: 'File claims',
  description:
    'Lists the file claims that hold now in a repository (unexpired claims of live sessions): which session claimed which file, ' +
    'in which mode (EXCLUSIVE, SHARED, INTENT) and until when. Use it before planning work that touches many files, to pick ' +
    'files nobody holds; claim_file then claims one.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const core = await import('@parallel-cc/core-sessions');
    const { root, session } = await optionalRepositoryScope(context, input.repo_path);
    let filePath = input.file_path;
    if (filePath !== undefined && root !== undefined) {
      // Relative paths and absolute ones inside the caller's own worktree name the same file as in the main checkout.
      const worktreePath = session?.repo_path === root ? session.worktree_path : root;
      filePath = core.normaliseClaimPath({ repoRoot: root, worktreePath, filePath });
    }
    const claims = await core.listClaims(await context.coordinator(), { repoRoot: root, filePath, now: context.now() });
    return { claims, total: claims.length };
  },
  summary({ claims }) {
    if (claims.length === 0) return 'No file claims hold now.';
    const lines = claims.map((c) => `${c.filePath} ${c.mode} by ${shortId(c.sessionId)} until ${c.expiresAt}`);
    return `${plural(claims.length, 'claim')} hold now: ${listed(lines)}.`;
  },
});
