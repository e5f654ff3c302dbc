// Every test process gets its own HOME and PARALLEL_CC_HOME, so that nothing a test forgets to
// point elsewhere can touch the real ~/.parallel-cc, ~/.claude or shell profiles.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pcc-jest-home-')));
process.env.HOME = path.join(root, 'home');
process.env.PARALLEL_CC_HOME = path.join(root, 'pcc-home');
fs.mkdirSync(process.env.HOME);
delete process.env.PARALLEL_CC_SESSION_ID;
delete process.env.FORCE_COLOR;
// Shell profiles are found through these; unset, they fall back into the isolated HOME.
delete process.env.ZDOTDIR;
delete process.env.XDG_CONFIG_HOME;
// CI runs without a login shell; a test that needs SHELL sets it, so local runs see what CI sees.
delete process.env.SHELL;
process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
