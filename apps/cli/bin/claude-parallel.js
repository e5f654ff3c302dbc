#!/usr/bin/env node
// A committed shim, so that npm links the bin before the first build. The bundle's source map
// is used only with --verbose, where a stack trace is printed.
if (process.argv.includes('--verbose')) process.setSourceMapsEnabled(true);
require('../dist/bin/claude-parallel.js');
