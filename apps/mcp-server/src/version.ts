/** The server's version, from its package.json. */
export const version: string = require('../package.json').version;
