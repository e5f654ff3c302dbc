module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dashboard',
  rootDir: __dirname,
  // The browser suite drives one Chromium and real sessions; one suite at a time on two cores.
  maxWorkers: 1,
  testTimeout: 120_000,
  // The page runs in the browser suite, not in jest's process: coverage counts its Node modules.
  collectCoverageFrom: ['src/page/state/*.ts', 'src/page/format.ts'],
};
