'use strict';
// The workspace packages that are published: every package under libs/ and apps/ that is not private.
const fs = require('node:fs');
const path = require('node:path');

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/** `{ dir, manifest }` of each publishable package, libs first, sorted by folder. */
function publishablePackages(root = WORKSPACE_ROOT) {
  const found = [];
  for (const group of ['libs', 'apps']) {
    for (const name of fs.readdirSync(path.join(root, group)).sort()) {
      const file = path.join(root, group, name, 'package.json');
      if (!fs.existsSync(file)) continue;
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (manifest.private) continue;
      found.push({ dir: path.join(root, group, name), manifest });
    }
  }
  return found;
}

module.exports = { publishablePackages, WORKSPACE_ROOT };
