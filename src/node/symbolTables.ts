// The per-language tables of the tree-sitter symbol finder: which grammar reads which file, and for each
// grammar, which node types introduce which declarations (name, kind, extent), as VS Code's providers report them.
import type { Node } from 'web-tree-sitter';
import type { Range } from '../core/types';

export type Grammar = 'typescript' | 'tsx' | 'javascript' | 'python' | 'go' | 'java' | 'c-sharp' | 'rust';

export const GRAMMAR_BY_EXTENSION: Record<string, Grammar> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.py': 'python', '.pyi': 'python',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'c-sharp',
  '.rs': 'rust',
};

export interface Builder {
  name: string;
  kind: string;
  range: Range;
  selectionRange: Range;
  children: Builder[];
}

export interface Decl {
  readonly name: string;
  readonly kind: string;
  /** The node whose extent is the symbol's range (before decorators/attributes are added). */
  readonly rangeNode: Node;
  readonly nameNode?: Node | null;
}

type Handler = (node: Node, parent: Builder | undefined) => Decl | readonly Decl[] | undefined;

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

function named(node: Node, kind: string, nameField = 'name', rangeNode: Node = node): Decl | undefined {
  const n = field(node, nameField);
  return n ? { name: oneLine(n.text), kind, rangeNode, nameNode: n } : undefined;
}

// --- JavaScript / TypeScript ------------------------------------------------------------------------------

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const CLASS_VALUES = new Set(['class', 'class_expression']);

/** `export …` and `export default …` are part of the declaration's range, as in VS Code. */
function withExport(node: Node): Node {
  const p = node.parent;
  return p && p.type === 'export_statement' ? p : node;
}

/** The root, even when a broken file made it an ERROR node (a half-typed file still has top-level symbols). */
function isRoot(node: Node | null | undefined): boolean {
  return !!node && node.parent === null;
}

function isTopLevel(statement: Node): boolean {
  const p = statement.parent;
  if (!p) return false;
  if (isRoot(p)) return true;
  return p.type === 'export_statement' && isRoot(p.parent);
}

const jsFunction: Handler = (node) => {
  const n = field(node, 'name');
  if (n) return { name: n.text, kind: 'function', rangeNode: withExport(node), nameNode: n };
  if (node.parent?.type === 'export_statement') return { name: 'default', kind: 'function', rangeNode: node.parent };
  return undefined;
};

const jsClass: Handler = (node) => {
  const n = field(node, 'name');
  if (n) return { name: n.text, kind: 'class', rangeNode: withExport(node), nameNode: n };
  if (node.parent?.type === 'export_statement') return { name: 'default', kind: 'class', rangeNode: node.parent };
  return undefined;
};

const jsMethod: Handler = (node) => {
  const n = field(node, 'name');
  if (!n) return undefined;
  return { name: oneLine(n.text), kind: n.text === 'constructor' ? 'constructor' : 'method', rangeNode: node, nameNode: n };
};

const jsVariable: Handler = (node) => {
  // Cheapest rejections first: most declarators are locals inside bodies, which are no symbols.
  const value = field(node, 'value');
  const decl = node.parent;
  if (!decl) return undefined;
  const isFunction = !!value && FUNCTION_VALUES.has(value.type);
  const isClass = !!value && CLASS_VALUES.has(value.type);
  if (!isFunction && !isClass && !isTopLevel(decl)) return undefined;
  const n = field(node, 'name');
  if (!n || n.type !== 'identifier') return undefined;
  const single = decl.namedChildCount === 1 || decl.namedChildren.filter((c) => c?.type === 'variable_declarator').length === 1;
  const rangeNode = single ? withExport(decl) : node;
  if (isFunction) return { name: n.text, kind: 'function', rangeNode, nameNode: n };
  if (isClass) return { name: n.text, kind: 'class', rangeNode, nameNode: n };
  const isConst = decl.type === 'lexical_declaration' && decl.firstChild?.text === 'const';
  return { name: n.text, kind: isConst ? 'constant' : 'variable', rangeNode, nameNode: n };
};

const jsField: Handler = (node) => {
  const n = field(node, 'name') ?? field(node, 'property');
  if (!n) return undefined;
  const value = field(node, 'value');
  const kind = value && FUNCTION_VALUES.has(value.type) ? 'method' : 'property';
  return { name: oneLine(n.text), kind, rangeNode: node, nameNode: n };
};

/** Functions in an object literal held by a top-level variable (`export const api = { get() {} }`). */
const jsPair: Handler = (node, parent) => {
  const value = field(node, 'value');
  const key = field(node, 'key');
  if (!parent || (parent.kind !== 'constant' && parent.kind !== 'variable') || !key || !value || !FUNCTION_VALUES.has(value.type)) return undefined;
  return { name: oneLine(key.text), kind: 'method', rangeNode: node, nameNode: key };
};

const JS_HANDLERS: Record<string, Handler> = {
  function_declaration: jsFunction,
  generator_function_declaration: jsFunction,
  function_signature: jsFunction,
  function_expression: (node) => (node.parent?.type === 'export_statement' ? jsFunction(node, undefined) : undefined),
  class_declaration: jsClass,
  abstract_class_declaration: jsClass,
  class: (node) => (node.parent?.type === 'export_statement' ? jsClass(node, undefined) : undefined),
  interface_declaration: (node) => named(node, 'interface', 'name', withExport(node)),
  enum_declaration: (node) => named(node, 'enum', 'name', withExport(node)),
  type_alias_declaration: (node) => named(node, 'type', 'name', withExport(node)),
  internal_module: (node) => {
    const p = node.parent;
    return named(node, 'namespace', 'name', p && p.type === 'expression_statement' ? withExport(p) : withExport(node));
  },
  module: (node) => named(node, 'module', 'name', withExport(node)),
  method_definition: jsMethod,
  method_signature: jsMethod,
  abstract_method_signature: jsMethod,
  public_field_definition: jsField,
  field_definition: jsField,
  property_signature: jsField,
  variable_declarator: jsVariable,
  pair: jsPair,
};

// --- Python -----------------------------------------------------------------------------------------------

function pyRange(node: Node): Node {
  const p = node.parent;
  return p && p.type === 'decorated_definition' ? p : node;
}

const PY_HANDLERS: Record<string, Handler> = {
  function_definition: (node, parent) => named(node, parent?.kind === 'class' ? 'method' : 'function', 'name', pyRange(node)),
  class_definition: (node) => named(node, 'class', 'name', pyRange(node)),
  expression_statement: (node) => {
    const p = node.parent;
    const atModule = isRoot(p);
    const inClass = p?.type === 'block' && p.parent?.type === 'class_definition';
    if (!atModule && !inClass) return undefined;
    const assignment = node.firstNamedChild;
    if (!assignment || assignment.type !== 'assignment') return undefined;
    const left = field(assignment, 'left');
    if (!left || left.type !== 'identifier') return undefined;
    const kind = inClass ? 'property' : /^[A-Z][A-Z0-9_]*$/.test(left.text) ? 'constant' : 'variable';
    return { name: left.text, kind, rangeNode: node, nameNode: left };
  },
};

// --- Go ---------------------------------------------------------------------------------------------------

function goTypeKind(typeNode: Node | null): string {
  if (!typeNode) return 'type';
  if (typeNode.type === 'struct_type') return 'struct';
  if (typeNode.type === 'interface_type') return 'interface';
  return 'type';
}

function goTypeSpecs(declaration: Node): Node[] {
  return declaration.namedChildren.filter((c): c is Node => !!c && (c.type === 'type_spec' || c.type === 'type_alias'));
}

function goTypeDecl(spec: Node, rangeNode: Node): Decl | undefined {
  const n = field(spec, 'name');
  return n ? { name: n.text, kind: goTypeKind(field(spec, 'type')), rangeNode, nameNode: n } : undefined;
}

function goSpecs(node: Node, specType: string, kind: string): Decl[] {
  const specs = node.namedChildren.filter((c): c is Node => !!c && c.type === specType);
  const out: Decl[] = [];
  for (const spec of specs) {
    for (const n of spec.childrenForFieldName('name')) {
      if (n) out.push({ name: n.text, kind, rangeNode: specs.length === 1 ? node : spec, nameNode: n });
    }
  }
  return out;
}

const GO_HANDLERS: Record<string, Handler> = {
  function_declaration: (node) => named(node, 'function'),
  method_declaration: (node) => {
    const n = field(node, 'name');
    if (!n) return undefined;
    // gopls names methods `(*T).M`.
    const receiver = field(node, 'receiver')?.namedChildren.find((c) => c?.type === 'parameter_declaration');
    const recvType = receiver ? field(receiver, 'type') : null;
    const name = recvType ? `(${oneLine(recvType.text)}).${n.text}` : n.text;
    return { name, kind: 'method', rangeNode: node, nameNode: n };
  },
  // A lone `type T …` spans its `type` keyword; in a grouped `type ( … )` each spec is its own symbol.
  type_declaration: (node) => {
    const specs = goTypeSpecs(node);
    return specs.length === 1 ? goTypeDecl(specs[0], node) : undefined;
  },
  type_spec: (node) => (node.parent && goTypeSpecs(node.parent).length > 1 ? goTypeDecl(node, node) : undefined),
  type_alias: (node) => (node.parent && goTypeSpecs(node.parent).length > 1 ? goTypeDecl(node, node) : undefined),
  field_declaration: (node) =>
    node.childrenForFieldName('name').filter((n): n is Node => !!n).map((n) => ({ name: n.text, kind: 'field', rangeNode: node, nameNode: n })),
  method_elem: (node) => named(node, 'method'),
  method_spec: (node) => named(node, 'method'),
  const_declaration: (node) => (isRoot(node.parent) ? goSpecs(node, 'const_spec', 'constant') : undefined),
  var_declaration: (node) => (isRoot(node.parent) ? goSpecs(node, 'var_spec', 'variable') : undefined),
};

// --- Java -------------------------------------------------------------------------------------------------

function declarators(node: Node, kind: string, declaratorType: string): Decl[] {
  const out: Decl[] = [];
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === declaratorType) {
        const name = field(c, 'name') ?? c.namedChildren.find((x) => x?.type === 'identifier') ?? null;
        if (name) out.push({ name: name.text, kind, rangeNode: node, nameNode: name });
      } else if (c.type === 'variable_declaration') {
        walk(c);
      }
    }
  };
  walk(node);
  return out;
}

const JAVA_HANDLERS: Record<string, Handler> = {
  class_declaration: (node) => named(node, 'class'),
  interface_declaration: (node) => named(node, 'interface'),
  enum_declaration: (node) => named(node, 'enum'),
  record_declaration: (node) => named(node, 'class'),
  annotation_type_declaration: (node) => named(node, 'interface'),
  method_declaration: (node) => named(node, 'method'),
  constructor_declaration: (node) => named(node, 'constructor'),
  compact_constructor_declaration: (node) => named(node, 'constructor'),
  annotation_type_element_declaration: (node) => named(node, 'method'),
  field_declaration: (node) => declarators(node, 'field', 'variable_declarator'),
  constant_declaration: (node) => declarators(node, 'constant', 'variable_declarator'),
  enum_constant: (node) => named(node, 'enumMember'),
};

// --- C# ---------------------------------------------------------------------------------------------------

const CS_HANDLERS: Record<string, Handler> = {
  namespace_declaration: (node) => named(node, 'namespace'),
  file_scoped_namespace_declaration: (node) => named(node, 'namespace'),
  class_declaration: (node) => named(node, 'class'),
  struct_declaration: (node) => named(node, 'struct'),
  interface_declaration: (node) => named(node, 'interface'),
  enum_declaration: (node) => named(node, 'enum'),
  record_declaration: (node) => named(node, 'class'),
  record_struct_declaration: (node) => named(node, 'struct'),
  delegate_declaration: (node) => named(node, 'function'),
  method_declaration: (node) => named(node, 'method'),
  constructor_declaration: (node) => named(node, 'constructor'),
  destructor_declaration: (node) => {
    const d = named(node, 'method');
    return d && { ...d, name: '~' + d.name };
  },
  operator_declaration: (node) => {
    const op = field(node, 'operator');
    return { name: 'operator ' + (op ? op.text : ''), kind: 'operator', rangeNode: node, nameNode: op };
  },
  conversion_operator_declaration: (node) => ({ name: 'operator', kind: 'operator', rangeNode: node }),
  indexer_declaration: (node) => ({ name: 'this[]', kind: 'property', rangeNode: node }),
  property_declaration: (node) => named(node, 'property'),
  event_declaration: (node) => named(node, 'event'),
  event_field_declaration: (node) => declarators(node, 'event', 'variable_declarator'),
  field_declaration: (node) => declarators(node, 'field', 'variable_declarator'),
  local_function_statement: (node) => named(node, 'function'),
  enum_member_declaration: (node) => named(node, 'enumMember'),
};

// --- Rust -------------------------------------------------------------------------------------------------

const RUST_HANDLERS: Record<string, Handler> = {
  function_item: (node, parent) =>
    named(node, parent && (parent.kind === 'impl' || parent.kind === 'trait') ? 'method' : 'function'),
  function_signature_item: (node) => named(node, 'method'),
  struct_item: (node) => named(node, 'struct'),
  union_item: (node) => named(node, 'struct'),
  enum_item: (node) => named(node, 'enum'),
  trait_item: (node) => named(node, 'trait'),
  mod_item: (node) => named(node, 'module'),
  const_item: (node) => named(node, 'constant'),
  static_item: (node) => named(node, 'constant'),
  type_item: (node) => named(node, 'type'),
  macro_definition: (node) => named(node, 'macro'),
  enum_variant: (node) => named(node, 'enumMember'),
  field_declaration: (node) => named(node, 'field'),
  impl_item: (node) => {
    const type = field(node, 'type');
    if (!type) return undefined;
    const trait = field(node, 'trait');
    // rust-analyzer's outline names impl blocks `impl Trait for Type` / `impl Type`.
    const name = trait ? `impl ${oneLine(trait.text)} for ${oneLine(type.text)}` : `impl ${oneLine(type.text)}`;
    return { name, kind: 'impl', rangeNode: node, nameNode: type };
  },
};

export const HANDLERS: Record<Grammar, Record<string, Handler>> = {
  typescript: JS_HANDLERS,
  tsx: JS_HANDLERS,
  javascript: JS_HANDLERS,
  python: PY_HANDLERS,
  go: GO_HANDLERS,
  java: JAVA_HANDLERS,
  'c-sharp': CS_HANDLERS,
  rust: RUST_HANDLERS,
};
