// The parsers live in @parallel-cc/git; these names stay until e2b-runner imports them from there.
export { parseNulList, parseStagedList } from '@parallel-cc/git';
