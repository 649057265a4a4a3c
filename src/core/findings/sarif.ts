// SARIF 2.1.0 output that GitHub code scanning accepts: one rule per finding code, 1-based regions.
import type { Finding, Severity } from '../types';
import { FINDING_CODES } from './codes';
import { encodeRelativePath } from '../untrusted/uri';
import { fingerprint } from './fingerprint';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function toSarif(findings: readonly Finding[], toolVersion: string): object {
  const ruleIndex = new Map(FINDING_CODES.map((c, i) => [c.code, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'intent-lens',
            version: toolVersion,
            rules: FINDING_CODES.map((c) => ({
              id: c.code,
              name: c.name,
              shortDescription: { text: c.title },
              fullDescription: { text: c.help },
              help: { text: c.help, markdown: `**${c.code} ${c.title}**\n\n${c.help}` },
              defaultConfiguration: { level: LEVEL[c.severity] },
              properties: { tags: ['intent-lens'] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The checked folder' } } },
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: ruleIndex.get(f.code) ?? 0,
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeRelativePath(f.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: f.range.start.line + 1,
                  startColumn: f.range.start.character + 1,
                  endLine: f.range.end.line + 1,
                  endColumn: Math.max(f.range.end.character + 1, f.range.end.line === f.range.start.line ? f.range.start.character + 2 : 1),
                },
              },
            },
          ],
          ...(f.related?.length
            ? {
                relatedLocations: f.related.map((r, i) => ({
                  id: i + 1,
                  message: { text: r.message },
                  physicalLocation: {
                    artifactLocation: { uri: encodeRelativePath(r.file), uriBaseId: '%SRCROOT%' },
                    region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1 },
                  },
                })),
              }
            : {}),
          partialFingerprints: { 'intentLens/v1': fingerprint(f) },
        })),
      },
    ],
  };
}
