// The --help text: the CLI's whole contract in one screen.
export const HELP = `intent-lens — link code to product intent (objectives, key results, problems, constraints, debt)

Usage:
  intent-lens check [DIR] [--format text|json|sarif|markdown] [--fail-on error|warning|info|never]
                    [--baseline FILE] [--write-baseline FILE] [--exclude GLOB]... [--max-file-size BYTES]
      Check the manifests (intent.yaml) and the code tags under DIR (default: the current folder).
      Prints one finding per line (text), a JSON document, SARIF 2.1.0 for code scanning, or Markdown.
      --baseline FILE        fail only on findings that are not in FILE (adopt on an existing repo, then ratchet)
      --write-baseline FILE  write the current findings to FILE and exit 0

  intent-lens explain PATH[:LINE] [--root DIR] [--format text|json]
      The effective intent at PATH (and LINE, 1-based): each item with where it comes from
      (a tag on which line, a file tag, or which scope glob).

  intent-lens review [DIR] --base REF [--format text|markdown|json]
      The change from REF to the working tree, grouped by objective, key result and problem.

  intent-lens report [DIR] [--format markdown|json|html] [--since DURATION] [--output FILE]
      Coverage per objective and key result, debt ranked by what it hurts, findings.

Exit codes:
  0  nothing reaches --fail-on (default: error)
  1  at least one finding reaches --fail-on
  2  usage or I/O error (one line on stderr)

Findings: IL001 YAML syntax · IL002 schema · IL003 duplicate ID · IL004 unknown manifest reference ·
  IL005 glob matches nothing · IL010 unknown tag ID · IL011 retired link · IL012 malformed tag ·
  IL020 unlinked KR/problem · IL021 objective without KR · IL022 unanchored debt ·
  IL030 changed file without intent · IL031 change under a constraint · IL032 last KR link removed
`;
