module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'mcp-server',
  rootDir: __dirname,
  // The suites start the built bins as child processes; one at a time keeps them steady on two cores.
  maxWorkers: 1,
  testTimeout: 60_000,
};
