// Root-relative POSIX path helpers for the host-free core (no node:path here, by design).

/** Normalise a relative path: forward slashes, no `.` segments, `..` resolved; undefined if it escapes. */
export function normalizeRelative(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.replace(/\\/g, '/').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(seg);
    }
  }
  return out.join('/');
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function extname(path: string): string {
  const b = basename(path);
  const i = b.lastIndexOf('.');
  return i <= 0 ? '' : b.slice(i).toLowerCase();
}

/** True when `path` is `folder` itself or inside it ('' is the root and contains everything). */
export function isInside(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(folder + '/');
}

/** `path` relative to `folder`, assuming isInside(path, folder). */
export function relativeTo(path: string, folder: string): string {
  return folder === '' ? path : path === folder ? '' : path.slice(folder.length + 1);
}
