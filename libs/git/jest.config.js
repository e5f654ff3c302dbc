module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'git',
  rootDir: __dirname,
  collectCoverage: true,
  coverageThreshold: { global: { lines: 85 } },
};
