import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import { credentialReason } from './credential-reason';

/** The file at the worktree's root that names, in gitignore syntax, more files never to upload. */
export const E2B_IGNORE_FILE = '.e2bignore';

/** Why a path (relative to the checkout's top, `/`-separated) is never uploaded, or null. */
export type ExclusionRule = (file: string) => string | null;

/**
 * The upload's exclusion rules for the checkout whose top folder is `top`: files that commonly
 * hold credentials ({@link credentialReason}), then whatever its `.e2bignore` matches.
 */
export function exclusionRules(top: string): ExclusionRule {
  const ignoreFile = path.join(top, E2B_IGNORE_FILE);
  // A line longer than any path is no rule; ignore would build a regular expression too large to run.
  const rules = fs.existsSync(ignoreFile) ? fs.readFileSync(ignoreFile, 'utf8').split('\n').filter((line) => line.length <= 4096) : null;
  const matcher = rules ? ignore().add(rules) : null;
  return (file) => {
    const credential = credentialReason(file);
    if (credential) return credential;
    const rule = matcher?.test(file).rule;
    return rule ? `matched ${E2B_IGNORE_FILE} rule "${rule.pattern}"` : null;
  };
}
