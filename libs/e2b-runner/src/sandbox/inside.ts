import * as path from 'node:path';
import { SandboxError } from '../errors';

/**
 * `target` resolved against `base` (absolute paths taken as they are), refused with
 * `PATH_OUTSIDE_SANDBOX` when it leaves `root`: the local provider never touches the host outside
 * its own folder, whatever path a caller (or a model) asks for.
 */
export function resolveInside(root: string, base: string, target: string): string {
  const resolved = path.resolve(base, target);
  const relative = path.relative(root, resolved);
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    throw new SandboxError('PATH_OUTSIDE_SANDBOX', `The path ${target} is outside the sandbox folder ${root}.`, { path: target, root });
  }
  return resolved;
}
