import * as v from 'valibot';
import type { ClaimMode } from '@parallel-cc/core-sessions';
import { requireCallingSession } from '../session/calling-session';
import { defineTool } from './define-tool';
import { filePathField } from './fields';
import { claimModeOutput, fileClaimOutput } from './outputs';

const MODES = ['EXCLUSIVE', 'SHARED', 'INTENT'] as const satisfies readonly ClaimMode[];

const Input = v.object({
  file_path: filePathField('The file to claim: relative to the top of your worktree (e.g. src/app.ts), or absolute inside it. It need not exist yet.'),
  mode: v.optional(
    // Any case, as the CLI's --mode: a check rather than a picklist, so the JSON Schema has no case-sensitive enum.
    v.pipe(
      v.string('must be one of EXCLUSIVE, SHARED and INTENT (in any case)'),
      v.check((s) => (MODES as readonly string[]).includes(s.toUpperCase()), 'must be one of EXCLUSIVE, SHARED and INTENT (in any case)'),
      v.transform((s) => s.toUpperCase() as ClaimMode),
      v.description('EXCLUSIVE (default): only you change it. SHARED: several sessions make small, separate edits. INTENT: a heads-up only, blocks nobody but an EXCLUSIVE claim. Any case is accepted (as by `parallel-cc claims claim --mode`).'),
    ),
  ),
  ttl_seconds: v.optional(
    v.pipe(
      v.number('must be a number of seconds'),
      v.integer('must be a whole number of seconds'),
      v.minValue(60, 'must be at least 60 seconds'),
      v.maxValue(604_800, 'must be at most 604800 seconds (a week)'),
      v.description('How long the claim lasts unless your session\'s heartbeats renew it: 60 to 604800 seconds; default 86400 (a day).'),
    ),
  ),
});

const Output = v.variant('granted', [
  v.object({ granted: v.literal(true), claim: fileClaimOutput, escalatedFrom: v.nullable(claimModeOutput), message: v.string() }),
  v.object({ granted: v.literal(false), filePath: v.string(), mode: claimModeOutput, holders: v.array(fileClaimOutput), message: v.string() }),
]);

/** `claim_file`: announces that the calling session is about to change a file. */
export const claimFile = defineTool({
  name: 'claim_file',
  title: 'Claim a file',
  description:
    'Claims a file for your session before you change it, so that parallel sessions do not edit it at the same time. ' +
    'granted true: go ahead (claiming again renews it, or escalates INTENT to SHARED to EXCLUSIVE). granted false is a normal ' +
    'answer, not an error: holders lists who holds it and how, and they have been asked to release it; work on something else ' +
    'and try again later, or coordinate with them. Release the claim with release_file when you are done.',
  input: Input,
  output: Output,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(input, context) {
    const core = await import('@parallel-cc/core-sessions');
    const session = await requireCallingSession(context, 'claim_file');
    const outcome = await core.claimFile(await context.coordinator(), {
      sessionId: session.id,
      filePath: input.file_path,
      mode: input.mode,
      ttlSeconds: input.ttl_seconds,
      now: context.now(),
    });
    return { ...outcome };
  },
  summary: ({ message }) => message,
});
