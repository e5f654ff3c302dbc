module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'live-state',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
