// The parser lives in @parallel-cc/git; this name stays until merge-detector imports it from there.
export { parseRefTips } from '@parallel-cc/git';
