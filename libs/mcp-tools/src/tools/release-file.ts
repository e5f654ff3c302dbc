import * as v from 'valibot';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { filePathField } from './fields';
import { fileClaimOutput } from './outputs';

const Output = v.object({ released: v.boolean(), claim: v.nullable(fileClaimOutput), message: v.string() });

const Input = v.object({
  file_path: filePathField('The claimed file: relative to the top of your worktree, or absolute inside it, as you claimed it.'),
});

/** `release_file`: drops the calling session's claim on a file. */
export const releaseFile = defineTool({
  name: 'release_file',
  title: 'Release a file',
  description:
    'Releases your session\'s claim on a file (see claim_file) once you have finished changing it, so that sessions waiting ' +
    'for it can go ahead. released false means you held no claim on it: nothing changed. All your claims go when your session ends.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const core = await import('@parallel-cc/core-sessions');
    const session = await requireCallingSession(context, 'release_file');
    const result = await core.releaseFile(await context.coordinator(), { sessionId: session.id, filePath: input.file_path });
    const message = result.released ? `Released your claim on ${result.claim?.filePath}.` : `You held no claim on ${input.file_path}; nothing changed.`;
    return { ...result, message };
  },
  summary: ({ message }) => message,
});
