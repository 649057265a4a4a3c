// The review layer's public API: parse a diff, compute a change's review by intent, render it.
export { addedFile, firstChangedLine, mapBaseLine, parseUnifiedDiff, unquoteGitPath, type ChangeStatus, type ChangedFile, type Hunk, type LineRange } from './diff';
export { fileLink, reviewJson, reviewMarkdown, reviewText, type ReviewFormatOptions } from './format';
export { brokenReason, linkedIds, tagLinks, type ReviewIndex, type TagLink } from './links';
export {
  computeReview, filesUnder, unitsUnder,
  type ChangeUnit, type ConstraintTouch, type IntentGroup, type LinkChange, type Review, type ReviewFile, type ReviewInput, type ReviewSide,
} from './review';
