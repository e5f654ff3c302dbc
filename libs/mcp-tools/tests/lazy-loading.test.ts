// The server lists its tools before any of them runs (answering `initialize` and `tools/list`):
// building the list must not load the libs the tools adapt (SQLite, git, parsers).
import type * as AllTools from '../src/tools/all-tools';
import type * as ToolList from '../src/tool-list';

const LIBS = ['@parallel-cc/core-sessions', '@parallel-cc/merge-detector', '@parallel-cc/conflict-engine', '@parallel-cc/worktree-gtr'];

test('building and listing the tools loads none of the libs they adapt', () => {
  // A lib that is required fails the require: the factory runs only if something loads it.
  for (const lib of LIBS) jest.doMock(lib, () => { throw new Error(`${lib} was loaded`); });
  jest.isolateModules(() => {
    const { allTools } = jest.requireActual<typeof AllTools>('../src/tools/all-tools');
    const { listTools } = jest.requireActual<typeof ToolList>('../src/tool-list');
    expect(listTools(allTools)).toHaveLength(19);
  });
});
