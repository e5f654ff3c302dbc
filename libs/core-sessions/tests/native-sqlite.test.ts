import { describeSqliteLoadFailure, isSqliteLoadError, sqliteUnavailable } from '../src/db/native-sqlite';
import { translateDatabaseError } from '../src/db/database-failure';

// Messages as better-sqlite3 12 and Node 20 print them (the bindings list shortened).
const NOT_BUILT = `Could not locate the bindings file. Tried:
 → /usr/lib/node_modules/@parallel-cc/cli/node_modules/better-sqlite3/build/better_sqlite3.node
 → /usr/lib/node_modules/@parallel-cc/cli/node_modules/better-sqlite3/build/Release/better_sqlite3.node`;
const OTHER_NODE = `The module '/home/dev/my tools/node_modules/better-sqlite3/build/Release/better_sqlite3.node'
was compiled against a different Node.js version using
NODE_MODULE_VERSION 127. This version of Node.js requires
NODE_MODULE_VERSION 115. Please try re-compiling or re-installing
the module (for instance, using \`npm rebuild\` or \`npm install\`).`;
const OLD_GLIBC = "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by /srv/app/node_modules/better-sqlite3/build/Release/better_sqlite3.node)";

describe("explaining a better-sqlite3 that does not load", () => {
  it('says that the native module was never built, and where to build it', () => {
    const failure = describeSqliteLoadFailure(new Error(NOT_BUILT), 'v20.20.2');
    expect(failure.detail).toMatch(/better_sqlite3\.node\) is missing: .*no prebuilt binary for Node\.js v20\.20\.2 was downloaded and building it from source did not happen or failed/);
    expect(failure.fix).toMatch(/^cd \/usr\/lib\/node_modules\/@parallel-cc\/cli && npm rebuild better-sqlite3; .*python3.*Node\.js headers.*npm config set nodedir/);
  });

  it('says it was built for another Node.js, quoting a folder with a space for the shell', () => {
    const error = Object.assign(new Error(OTHER_NODE), { code: 'ERR_DLOPEN_FAILED' });
    const failure = describeSqliteLoadFailure(error, 'v20.20.2');
    expect(failure.detail).toBe("better-sqlite3's native module was built for another Node.js (NODE_MODULE_VERSION 127; Node.js v20.20.2 needs 115)");
    expect(failure.fix).toMatch(/^cd '\/home\/dev\/my tools' && npm rebuild better-sqlite3/);
  });

  it("quotes the system's reason otherwise", () => {
    const failure = describeSqliteLoadFailure(Object.assign(new Error(OLD_GLIBC), { code: 'ERR_DLOPEN_FAILED' }));
    expect(failure.detail).toBe(`better-sqlite3's native module could not be loaded: ${OLD_GLIBC}`);
    expect(failure.fix).toMatch(/^cd \/srv\/app && npm rebuild better-sqlite3/);
  });

  it('tells load failures from SQLite failures, and turns them into SQLITE_UNAVAILABLE', () => {
    expect(isSqliteLoadError(new Error(NOT_BUILT))).toBe(true);
    expect(isSqliteLoadError(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(sqliteUnavailable(new Error('unrelated'))).toBeNull();
    const translated = translateDatabaseError(new Error(NOT_BUILT), { file: '/h/coordinator.db', busyTimeoutMs: 10 });
    expect(translated).toMatchObject({ code: 'SQLITE_UNAVAILABLE' });
    expect((translated as Error).message).toMatch(/is missing: .*To fix it: cd \/usr\/lib\/node_modules\/@parallel-cc\/cli && npm rebuild better-sqlite3.*`parallel-cc doctor` checks it\.$/);
  });
});
