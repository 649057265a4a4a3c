// The report layer's public API: build the product view of a workspace, render it as Markdown, JSON or HTML.
export { reportHtml } from './html';
export { reportMarkdown } from './markdown';
export {
  MAX_LISTED, buildReport, compareDebt, parseDuration,
  type Activity, type CodeServing, type CommitInfo, type DebtEntry, type KrReport, type ObjectiveReport, type Report, type ReportInput, type SymbolRef,
} from './report';
