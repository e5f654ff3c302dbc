#!/usr/bin/env node
// A committed shim, so that npm links the bin before the first build. The bundle is loaded with
// V8's code cache (source-mapped stacks with --verbose): see load-bundle.js beside it.
require('../dist/bin/load-bundle.js')(require.resolve('../dist/bin/parallel-cc-mcp.js'));
