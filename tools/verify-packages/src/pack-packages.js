'use strict';
// `npm pack` of each publishable package into one folder: what verify-packages installs into an
// empty project and what install-global installs globally.
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/**
 * Packs each `{ dir, manifest }` into `destination`; returns `{ name, version, tarball }` per
 * package. Throws when a tarball lacks a file its manifest names (main, types, a bin).
 */
function packPackages(packages, destination) {
  return packages.map(({ dir, manifest }) => {
    const result = spawnSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm pack of ${manifest.name} exited ${result.status ?? result.signal}:\n${result.stderr}`);
    const [packed] = JSON.parse(result.stdout);
    const shipped = new Set(packed.files.map((f) => f.path));
    for (const file of [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})].filter(Boolean)) {
      if (!shipped.has(file)) throw new Error(`${manifest.name}: the tarball lacks ${file}`);
    }
    return { name: manifest.name, version: manifest.version, tarball: path.join(destination, packed.filename) };
  });
}

module.exports = { packPackages };
