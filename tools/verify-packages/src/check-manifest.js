'use strict';
// Static checks of a publishable package as npm would pack it: the manifest's fields, the files
// it points at, its bins, and its dependencies against what its shipped code really requires.
const fs = require('node:fs');
const { builtinModules } = require('node:module');
const path = require('node:path');

const BUILTINS = new Set(builtinModules);

/** The package a bare module specifier names (`@scope/name/sub` → `@scope/name`), or null for relative, absolute and built-in ones. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return BUILTINS.has(name) ? null : name;
}

/**
 * Every package that `require('…')` and `import('…')` calls in `source` name (tsc and esbuild emit
 * these for imports). Calls written inside strings (code that a library generates) do not count.
 */
function requiredPackages(source) {
  const names = new Set();
  for (const match of source.matchAll(/(?<![\w$.'"`])(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
    const name = packageOf(match[1]);
    if (name) names.add(name);
  }
  return names;
}

/** Every package the `import … from '…'` and `import('…')` of a declaration file (`.d.ts`) name: what its types need installed. */
function typePackages(source) {
  const names = new Set();
  for (const match of source.matchAll(/\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
    const name = packageOf(match[1] ?? match[2]);
    if (name) names.add(name);
  }
  return names;
}

/** The files of `dir` whose name ends with `suffix`, recursively. */
function filesEnding(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesEnding(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

/** The package.json of `name` as installed for `fromDir` (node_modules folders upwards), or null. */
function installedManifest(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The problems of the package in `dir` (an empty list when it is fine): name, version, license,
 * repository, engines (node >= 20), files holding dist, main/types/exports pointing at built
 * files, bins with a shebang and the run bit, and dependencies exactly the packages its shipped
 * code requires (none missing, none unused).
 */
function manifestProblems(dir, manifest) {
  const problems = [];
  const need = (ok, text) => ok || problems.push(text);
  need(/^@parallel-cc\/[a-z0-9-]+$/.test(manifest.name ?? ''), `name "${manifest.name}" is not @parallel-cc/<name>`);
  need(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(manifest.version ?? ''), `version "${manifest.version}" is not semver`);
  need(manifest.license === 'MIT', 'license is not MIT');
  need(manifest.repository?.url && manifest.repository?.directory === path.relative(path.resolve(dir, '../..'), dir), 'repository (url and directory) is missing or wrong');
  need(/^>=\s*2\d/.test(manifest.engines?.node ?? ''), `engines.node "${manifest.engines?.node}" does not require Node 20 or newer`);
  need(Array.isArray(manifest.files) && manifest.files.includes('dist'), 'files does not include dist');
  need(typeof manifest.description === 'string' && manifest.description.length > 0, 'description is missing');
  need(fs.existsSync(path.join(dir, 'README.md')), 'README.md is missing');
  for (const field of ['main', 'types']) {
    const target = manifest[field];
    need(typeof target === 'string' && target.startsWith('dist/') && fs.existsSync(path.join(dir, target)), `${field} "${target}" is not a built file under dist/`);
  }
  const main = manifest.exports?.['.'];
  need(main && main.types === `./${manifest.types}` && main.default === `./${manifest.main}`, 'exports["."] does not point at main and types');
  for (const [name, bin] of Object.entries(manifest.bin ?? {})) {
    const file = path.join(dir, bin);
    if (!fs.existsSync(file)) {
      problems.push(`bin ${name}: ${bin} does not exist`);
      continue;
    }
    need(fs.readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node'), `bin ${name}: ${bin} has no #!/usr/bin/env node line`);
    need((fs.statSync(file).mode & 0o111) !== 0, `bin ${name}: ${bin} is not executable`);
  }

  const shipped = [...filesEnding(path.join(dir, 'dist'), '.js'), ...Object.values(manifest.bin ?? {}).map((b) => path.join(dir, b))];
  const required = new Set();
  for (const file of shipped) for (const name of requiredPackages(fs.readFileSync(file, 'utf8'))) required.add(name);
  // A package only the shipped types import (the shapes of a parser's tree) is needed too.
  for (const file of filesEnding(path.join(dir, 'dist'), '.d.ts')) for (const name of typePackages(fs.readFileSync(file, 'utf8'))) required.add(name);
  required.delete(manifest.name);
  const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies, ...manifest.peerDependencies }));
  for (const name of required) need(declared.has(name), `requires ${name} but does not depend on it`);
  // A peer of a dependency (typescript for typescript-estree) is declared to pin a working range.
  const peers = new Set([...declared].flatMap((name) => Object.keys(installedManifest(name, dir)?.peerDependencies ?? {})));
  for (const name of declared) need(required.has(name) || peers.has(name), `depends on ${name} but nothing it ships requires it`);
  return problems;
}

module.exports = { manifestProblems, requiredPackages, typePackages, packageOf };
