module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'dashboard-server',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
