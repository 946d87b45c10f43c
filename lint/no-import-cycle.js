// @ts-check
/**
 * An ESLint rule: no module of ours may reach itself again through its imports. Type-only
 * imports count (a cycle of types is still two modules that cannot be understood, moved or
 * layered apart). import-x's no-cycle skips them, which is why this rule is our own.
 *
 * The linted file's imports are read from its AST (so an unsaved text is checked as it is);
 * the modules it reaches are read from disk, each once per version of the file.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

/** How a relative specifier may name a file: as written, with an extension, or as a folder's index. */
const CANDIDATES = ['', '.ts', '.tsx', '.mts', '.js', '/index.ts', '/index.tsx', '/index.js'];

/** The file a relative specifier names, or undefined (a package, an asset that is not there). */
function resolve(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const suffix of CANDIDATES) {
    const file = base + suffix;
    if (fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return file;
  }
  return undefined;
}

/** @type {Map<string, { mtimeMs: number, imports: string[] }>} */
const onDisk = new Map();

/** The files a module on disk imports (values and types alike). */
function importsOf(file) {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return [];
  const known = onDisk.get(file);
  if (known && known.mtimeMs === stat.mtimeMs) return known.imports;
  const text = fs.readFileSync(file, 'utf8');
  const imports = /\.(c|m)?[jt]sx?$/.test(file)
    ? ts.preProcessFile(text, true, true).importedFiles.map((i) => resolve(file, i.fileName)).filter((f) => f !== undefined)
    : [];
  onDisk.set(file, { mtimeMs: stat.mtimeMs, imports });
  return imports;
}

/** The shortest chain of imports from `start` back to `target`, or undefined when there is none. */
function chainBack(start, target) {
  /** @type {Map<string, string | undefined>} */
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const next of importsOf(at)) {
      if (next === target) {
        const chain = [at];
        for (let p = cameFrom.get(at); p !== undefined; p = cameFrom.get(p)) chain.unshift(p);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'forbid import cycles among our own modules, type-only imports included' },
    schema: [],
    messages: { cycle: 'import cycle: {{chain}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!path.isAbsolute(file)) return {};
    const root = context.cwd;
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const imported = resolve(file, source.value);
      if (!imported) return;
      const chain = imported === file ? [] : chainBack(imported, file);
      if (!chain) return;
      const names = [file, ...(imported === file ? [] : chain), file].map((f) => path.relative(root, f));
      context.report({ node, messageId: 'cycle', data: { chain: names.join(' → ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};
