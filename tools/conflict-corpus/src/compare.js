'use strict';
// Whether an offered fix is the human's resolution: the merge commit's file, whitespace made irrelevant.

/** Lines trimmed, runs of blanks collapsed to one space, empty lines dropped. */
function normalised(text) {
  return text
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '')
    .join('\n');
}

/** Whether `offered` and `human` (null: the merge deleted the file) are the same file up to whitespace. */
function sameResolution(offered, human) {
  return human !== null && normalised(offered) === normalised(human);
}

module.exports = { normalised, sameResolution };
