export * from './rules/index.js';
export { saveProblemRecords, batchProblems, problemsPage } from './problems.js';
export type { ProblemFinding, ProblemRecord, ProblemRow, Verdict } from './problems.js';
export { openTicket, refreshTicket, startCorrection, effectiveStatus, TICKET_STATUSES } from './tickets.js';
export type { TicketStatus, TicketKind } from './tickets.js';
export { score, saveScore, scoreSeries, addTally, timeliness, DEFAULT_WEIGHTS } from './scoring.js';
export type { Score, DimensionTallies, ScorePoint } from './scoring.js';
export { activeRuleSet, insertRuleSet, ruleSetHistory } from './rule-sets.js';
export type { StoredRuleSet } from './rule-sets.js';
export { notifyUnit } from './notify.js';
export { LIBRARIES, librariesFedBy, libraryDefinition, mergeBatchIntoLibraries, libraryEntry, librarySize } from './libraries.js';
export type { LibraryName, MergeResult } from './libraries.js';
export { governanceRoutes } from './routes.js';
export { thematicDefinitionSchema, declareThematic, refreshThematic, dueThematic, thematicRows, checkDefinition } from './thematic.js';
export type { ThematicDefinition } from './thematic.js';
export {
  createWebhook,
  deactivateWebhook,
  listWebhooks,
  deliverOutbox,
  signature as webhookSignature,
  MAX_DELIVERY_ATTEMPTS,
} from './webhooks.js';
