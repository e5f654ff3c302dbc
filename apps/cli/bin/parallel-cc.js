#!/usr/bin/env node
// A committed shim, so that npm links the bin before the first build. The bundle is loaded with
// V8's code cache (source-mapped stacks with --verbose): see load-bundle.js beside it. The edit
// guard (`hook pre-tool-use`, run before every edit) has a bundle of its own that holds nothing else.
const args = process.argv.slice(2);
const guard = args.length === 2 && args[0] === 'hook' && args[1] === 'pre-tool-use';
require('../dist/bin/load-bundle.js')(require.resolve(guard ? '../dist/bin/edit-guard.js' : '../dist/bin/parallel-cc.js'));
