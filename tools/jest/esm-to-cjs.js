// Jest transformer for the few ES-module-only packages the libs load (oxc-parser): Jest's own
// require cannot load an ES module (Node's can), so their files are turned into CommonJS with
// esbuild, `import.meta.url` kept meaningful for their createRequire calls.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      loader: 'js',
      sourcefile: filename,
      sourcemap: 'inline',
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    });
    return { code, map };
  },
};
