export { buildView, listEndpoints, operationKey, webhookKey, type Fact, type Side, type View } from "./view.js";
export { compareViews, type ChangeClass, type Difference } from "./diff.js";
export { readRecords, recordMatches, recordFor, checkCuration, type DeliberateRecord } from "./deliberate.js";
export { readSources, slice, upstreamFiles, type Source } from "./upstream.js";
export { diffApi, updateApi, reportFails, type DiffReport, type DiffRow } from "./drift.js";
export { specChanges, compareExtensions, pendingBumps, checkRef, GitRefError, type ChangesReport } from "./changes.js";
export { main } from "./cli.js";
