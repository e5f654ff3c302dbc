#!/usr/bin/env node
// A committed shim, so that npm links the bin before the first build.
require('../dist/bin/parallel-cc-watcher.js');
