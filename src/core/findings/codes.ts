// The catalogue of finding codes: one place for their severity, title and help, used by the CLI's
// SARIF rules, the editor's diagnostics and the README's table (a unit test keeps the README in sync).
import type { FindingCode, Severity } from '../types';

export interface CodeInfo {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly name: string;
  readonly title: string;
  readonly help: string;
}

export const FINDING_CODES: readonly CodeInfo[] = [
  { code: 'IL001', severity: 'error', name: 'YamlSyntaxError', title: 'YAML syntax error in a manifest', help: 'The manifest is not valid YAML (or is too large to read). Fix the syntax at the position shown; the other manifests keep working meanwhile.' },
  { code: 'IL002', severity: 'error', name: 'SchemaViolation', title: 'Schema violation', help: 'A manifest node does not match the intent.yaml schema (wrong type, unknown key, missing field, invalid ID or URL). The rest of the manifest still loads.' },
  { code: 'IL003', severity: 'error', name: 'DuplicateId', title: 'Duplicate ID', help: 'An ID must be unique across all manifests of a workspace root. Both places are reported; rename one of them.' },
  { code: 'IL004', severity: 'error', name: 'UnknownManifestReference', title: 'Unknown ID referenced in a manifest', help: 'A reference in keyResults, hurts, serves, objectives or supersededBy names no item (or an item of the wrong kind). A near miss is suggested.' },
  { code: 'IL005', severity: 'warning', name: 'GlobMatchesNothing', title: 'Glob matches no file', help: 'A scopes.paths or constraints.appliesTo glob matches no file of the workspace: it is probably misspelled or stale.' },
  { code: 'IL009', severity: 'error', name: 'NotEvaluated', title: 'Part of the workspace or a manifest could not be evaluated', help: 'A folder, ignore file or manifest could not be read, or an input limit was reached (manifest size, glob count or length, ignore-file size, path length). The message says which part and why: nothing is silently skipped, so `check` fails until it is fixed.' },
  { code: 'IL010', severity: 'error', name: 'UnknownTagId', title: 'Unknown ID in a code tag', help: 'An @intent, @intent-file or @debt tag names an ID that no manifest declares. A near miss is suggested; a quick fix can add the item.' },
  { code: 'IL011', severity: 'warning', name: 'RetiredLink', title: 'Link to a retired item', help: 'The tag links to an item that is achieved, dropped or superseded. Point it at the successor named in the message (supersededBy).' },
  { code: 'IL012', severity: 'warning', name: 'MalformedTag', title: 'Malformed tag', help: 'A comment holds something that looks like an intent tag but cannot be read: a missing or invalid ID, or a misspelled directive.' },
  { code: 'IL020', severity: 'info', name: 'UnlinkedItem', title: 'KR or problem with no linked code', help: 'No tag or scope links code to this key result or problem (a KR also counts as linked through a linked problem that moves it).' },
  { code: 'IL021', severity: 'info', name: 'ObjectiveWithoutKr', title: 'Objective with no KR', help: 'An objective without key results cannot be measured. Add at least one key result.' },
  { code: 'IL022', severity: 'info', name: 'UnanchoredDebt', title: 'Debt item with neither code anchor nor tracker', help: 'Nobody can find this debt: add `@debt ID` where it lives in the code, or a tracker key or URL.' },
  { code: 'IL030', severity: 'warning', name: 'ChangeWithoutIntent', title: 'Review: changed file with no intent', help: 'A changed file has no effective intent (no tag, file tag or scope). Link it so reviewers know what the change is for.' },
  { code: 'IL031', severity: 'info', name: 'ChangeUnderConstraint', title: 'Review: change touches code under a constraint', help: 'The change touches code that a technical constraint applies to; the message names the constraint so the reviewer checks it.' },
  { code: 'IL032', severity: 'warning', name: 'LastKrLinkRemoved', title: 'Review: change removes the last link to a KR', help: 'After this change no code links to the key result any more.' },
  { code: 'IL040', severity: 'warning', name: 'SuspectLinkItemChanged', title: 'Suspect link: the item changed since the link was reviewed', help: 'The manifest item this code links to changed in meaning (title, description, metric, baseline, target, unit, persona, key results, rule…) since the link was recorded in intent.lock; the message names the fields. Check the code still serves it, then accept the link (intent-lens accept, or the quick fix).' },
  { code: 'IL041', severity: 'info', name: 'SuspectLinkCodeChanged', title: 'Suspect link: the linked code changed in substance since it was reviewed', help: 'The symbol a tag binds to changed its signature, or less than 70 % of its token 3-grams survive, since the link was recorded in intent.lock (formatting, comments and renames do not count). Check the link still holds, then accept it.' },
  { code: 'IL042', severity: 'info', name: 'UnreviewedLink', title: 'Link never reviewed', help: 'An intent.lock exists but has no entry for this link. Review it and accept it (intent-lens accept, or the quick fix).' },
  { code: 'IL043', severity: 'error', name: 'InvalidLock', title: 'intent.lock unreadable or invalid', help: 'A line of intent.lock cannot be read (not JSON, a missing field, a merge conflict marker, a duplicate). It is never rewritten silently: fix the line; the other lines keep working.' },
  { code: 'IL050', severity: 'warning', name: 'StaleAgentInstructions', title: 'Generated agent instructions out of date with the manifest', help: 'The AGENTS.md section or a .github/instructions/intent-lens-*.instructions.md (or .cursor/rules/intent-lens-*.mdc) file written by `intent-lens agents --write` no longer matches the manifest, is missing or is left over. Run `intent-lens agents --write`.' },
];

export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
