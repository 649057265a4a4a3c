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
      (a tag on which line, a file tag, or which scope glob). Root: --root DIR, else the working folder
      when it holds PATH, else PATH's git root; PATH must be inside it (symlinks resolved).

  intent-lens review [DIR] [--base REF] [--format text|markdown|json] [--fail-on error|warning|info|never]
                     [--link-base URL] [--exclude GLOB]... [--max-file-size BYTES]
      The change from the merge-base of HEAD and REF to the working tree (committed, staged, unstaged and
      untracked work), grouped by objective, key result and problem, with the code that has no intent, the
      constraints it touches, the links it adds, removes or breaks, and IL030-IL032. Default REF: the upstream,
      else origin/HEAD, main or master. Advisory: exits 0 unless --fail-on is given.
      --link-base URL  file links in Markdown start with URL (e.g. https://github.com/OWNER/REPO/blob/SHA)

  intent-lens report [DIR] [--format markdown|json|html] [--since DURATION] [--output FILE]
      Per objective and key result: progress, the code that serves it, debt ranked by impact then cost;
      coverage of code files by intent, untriaged TODOs, findings. HTML is one self-contained page.
      --since 30d|2w|6m|1y  also the commits (git log) that touched each key result's code in that window

  intent-lens lock [DIR]
      Start intent.lock next to the root intent.yaml: record every current link as reviewed (the item's
      meaning and a fingerprint of the linked code). Commit it; check then reports suspect links (IL040-IL042).

  intent-lens accept ID | PATH[:LINE] ... | --all [--root DIR]
      Re-confirm links after review: every link to ID, every link in PATH, the links at PATH:LINE, or all.
      Other entries of intent.lock are kept. A lock that does not parse is never rewritten.
  intent-lens mcp [DIR]
      A Model Context Protocol server on stdin/stdout for AI coding agents: tools intent_at, constraints_for,
      get_item, find_code, check_change, suggest_links, and the manifests as resources. Watches DIR.

  intent-lens agents [DIR] [--write] [--cursor]
      Render the product context into the files agents read: a marked section of AGENTS.md and
      .github/instructions/*.instructions.md (applyTo from scopes and constraint globs); --cursor also
      .cursor/rules/*.mdc. Without --write, print what would change (exit 1 if anything would); text outside the
      markers is never touched. 'check' reports IL050 when these files are out of date.

Exit codes:
  0  nothing reaches --fail-on (default: error for check; review is advisory: never)
  1  at least one finding reaches --fail-on
  2  usage or I/O error (one line on stderr)

Findings: IL001 YAML syntax · IL002 schema · IL003 duplicate ID · IL004 unknown manifest reference ·
  IL005 glob matches nothing · IL009 not evaluated (unreadable or over a limit) · IL010 unknown tag ID · IL011 retired link · IL012 malformed tag ·
  IL020 unlinked KR/problem · IL021 objective without KR · IL022 unanchored debt ·
  IL030 changed file without intent · IL031 change under a constraint · IL032 last KR link removed ·
  IL040 suspect link: item changed · IL041 suspect link: code changed · IL042 unreviewed link · IL043 invalid lock
  IL050 generated agent instructions out of date
`;
