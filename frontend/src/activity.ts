// Entry for pages whose work is paid (labeling and review): start the active-time clock.

import { startActivityClock, type ActivityClock } from './shared/activity';

declare global {
  interface Window {
    /** For scripts that submit with fetch: send `datadamActivity.seconds` as active_seconds. */
    datadamActivity?: ActivityClock;
  }
}

window.datadamActivity ??= startActivityClock(document);
