'use strict';
// The merge commits of a repository whose two parents conflict when merged again, found once with
// bare `git merge-tree` calls and cached beside the repository (the corpus stays out of the repo).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

/** Runs git in `gitDir`; returns { status, stdout }. */
function git(gitDir, args, options = {}) {
  const result = spawnSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30, ...options });
  return { status: result.status, stdout: result.stdout ? result.stdout.toString('utf8') : '' };
}

/** Every two-parent merge commit reachable from any ref, newest first: { merge, ours, theirs }. */
function mergeCommits(gitDir) {
  const out = git(gitDir, ['rev-list', '--merges', '--parents', '--all']).stdout;
  return out
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((ids) => ids.length === 3)
    .map(([merge, ours, theirs]) => ({ merge, ours, theirs }));
}

/** The merges whose parents conflict, with the conflicted paths; cached in `cacheFile`. */
function conflictingMerges(gitDir, cacheFile, { log = (text) => void text } = {}) {
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
  const found = [];
  const merges = mergeCommits(gitDir);
  merges.forEach((m, i) => {
    const r = git(gitDir, ['merge-tree', '--write-tree', '--name-only', '-z', '--no-messages', m.ours, m.theirs]);
    if (r.status !== 1) return;
    // -z --name-only: the tree id, then the conflicted paths, NUL-separated, ending with an empty field.
    const [, ...paths] = r.stdout.split('\0').filter((p) => p !== '');
    found.push({ ...m, paths: [...new Set(paths)] });
    if (i % 100 === 0) log(`  ${i}/${merges.length} merges replayed, ${found.length} conflict`);
  });
  fs.writeFileSync(cacheFile, JSON.stringify(found));
  return found;
}

/** A file's text at a commit, or null when the commit has no such file. */
function fileAt(gitDir, commit, path) {
  const r = git(gitDir, ['cat-file', 'blob', `${commit}:${path}`], { stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout : null;
}

/** A blob's text by its id. */
function blobText(gitDir, oid) {
  return git(gitDir, ['cat-file', 'blob', oid], { stdio: ['ignore', 'pipe', 'ignore'] }).stdout;
}

module.exports = { git, mergeCommits, conflictingMerges, fileAt, blobText };
