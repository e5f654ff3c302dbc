module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'core-sessions',
  rootDir: __dirname,
  coverageThreshold: { global: { lines: 85 } },
};
