/**
 * The fixed author and committer of the throwaway commits parallel-cc writes for itself (snapshots
 * of work in progress, a rebase replayed in thought): never the user's, and the same bytes every
 * time, so that the same work makes the same commit.
 */
export const TOOL_IDENTITY: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: 'parallel-cc',
  GIT_AUTHOR_EMAIL: 'parallel-cc@localhost',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'parallel-cc',
  GIT_COMMITTER_EMAIL: 'parallel-cc@localhost',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
};
