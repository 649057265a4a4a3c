// The "check a change" tool: the review of the working tree against a base (the same computeReview as
// `intent-lens review` and the Review view), condensed for an agent — grouped by intent, the constraints the
// change touches with their rule text, links added/removed/broken, and findings IL030–IL032.
import type { ChangeUnit, IntentGroup, LinkChange } from '../review/review';
import { filesUnder } from '../review/review';
import { answer, capped, code, ruleText, moreLine, pathText, quote } from './answer';
import type { CheckChangeInput } from './schemas';
import type { AgentWorkspace } from './workspace';

const MAX_GROUPS = 15;
const MAX_FILES = 8;
const MAX_FINDINGS = 20;
const MAX_LINKS = 10;

function at(u: ChangeUnit): string {
  return `${u.file}:${u.line + 1}${u.symbols.length ? ` (${u.symbols.join('.')})` : ''}`;
}

function flatten(groups: readonly IntentGroup[], depth = 0): { group: IntentGroup; depth: number }[] {
  return groups.flatMap((g) => [{ group: g, depth }, ...flatten(g.children, depth + 1)]);
}

export async function checkChange(ws: AgentWorkspace, input: CheckChangeInput): Promise<string> {
  const { review, base } = await ws.review(input.base);
  const groups = flatten(review.groups);
  const link = (l: LinkChange) => ({ id: l.id, file: l.file, line: l.line + 1, ...(l.reason ? { reason: l.reason } : {}) });
  const data = {
    base: { ref: base.ref, sha: base.sha },
    changedFiles: review.files.length,
    byIntent: groups.slice(0, MAX_GROUPS).map(({ group, depth }) => ({ id: group.id, kind: group.item.kind, title: group.item.title, depth, files: filesUnder(group).slice(0, MAX_FILES) })),
    moreGroups: Math.max(0, groups.length - MAX_GROUPS),
    noIntent: review.noIntent.map((f) => f.path).slice(0, MAX_FILES),
    constraints: review.constraints.map((c) => ({ id: c.id, title: c.item.title, rule: ruleText(c.item), at: c.units.slice(0, MAX_FILES).map(at) })),
    links: { added: review.links.added.slice(0, MAX_LINKS).map(link), removed: review.links.removed.slice(0, MAX_LINKS).map(link), broken: review.links.broken.slice(0, MAX_LINKS).map(link) },
    findings: review.findings.slice(0, MAX_FINDINGS).map((f) => ({ code: f.code, severity: f.severity, file: f.file, line: f.range.start.line + 1, message: f.message })),
    moreFindings: Math.max(0, review.findings.length - MAX_FINDINGS),
  };
  return answer(input.format, data, () => {
    const out = [`## Change against ${quote(base.ref, 120)} (${base.sha.slice(0, 10)}): ${review.files.length} changed file${review.files.length === 1 ? '' : 's'}`];
    if (review.files.length === 0) return [...out, 'Nothing changed.'];
    out.push('### By intent');
    if (groups.length === 0) out.push('- no changed code serves an objective, key result or problem');
    for (const { group, depth } of groups.slice(0, MAX_GROUPS)) {
      const files = filesUnder(group);
      out.push(`${'  '.repeat(depth)}- ${code(group.id)} ${quote(group.item.title, 120)}${files.length ? `: ${files.slice(0, MAX_FILES).map(pathText).join(', ')}${files.length > MAX_FILES ? `, … ${files.length - MAX_FILES} more` : ''}` : ''}`);
    }
    out.push(...moreLine(data.moreGroups, 'intent groups'));
    if (review.noIntent.length) {
      const { shown, more } = capped(review.noIntent, MAX_FILES);
      out.push('### No intent', ...shown.map((f) => `- ${pathText(f.path)} (${f.status})`), ...moreLine(more, 'files'));
    }
    if (review.constraints.length) {
      out.push('### Constraints touched (check they still hold)');
      for (const c of review.constraints) {
        const { shown, more } = capped(c.units, 4);
        out.push(`- ${code(c.id)} ${quote(c.item.title)}: ${shown.map((u) => pathText(at(u))).join(', ')}${more ? `, … ${more} more` : ''}`);
        if (c.item.description) out.push(`  rule: ${quote(c.item.description)}`);
      }
    }
    const { added, removed, broken } = review.links;
    if (added.length + removed.length + broken.length) {
      out.push('### Links');
      const row = (verb: string, l: LinkChange) => `- ${verb} ${code(l.id)} at ${pathText(`${l.file}:${l.line + 1}`)}${l.reason ? ` (${l.reason} ID)` : ''}`;
      out.push(...added.slice(0, MAX_LINKS).map((l) => row('added', l)), ...moreLine(added.length - MAX_LINKS, 'added links'));
      out.push(...removed.slice(0, MAX_LINKS).map((l) => row('removed', l)), ...moreLine(removed.length - MAX_LINKS, 'removed links'));
      out.push(...broken.slice(0, MAX_LINKS).map((l) => row('broken', l)), ...moreLine(broken.length - MAX_LINKS, 'broken links'));
    }
    out.push('### Findings');
    if (review.findings.length === 0) out.push('- none');
    out.push(...data.findings.map((f) => `- ${f.code} ${f.severity} ${pathText(`${f.file}:${f.line}`)}: ${quote(f.message, 300)}`), ...moreLine(data.moreFindings, 'findings'));
    return out;
  });
}
