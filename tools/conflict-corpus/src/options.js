'use strict';
/** Takes `name VALUE` out of `argv` and returns VALUE, or `fallback` when `name` is not there. */
function takeOption(argv, name, fallback) {
  const i = argv.indexOf(name);
  if (i === -1) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  return value;
}

module.exports = { takeOption };
