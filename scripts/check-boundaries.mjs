#!/usr/bin/env node
// `npm run check:boundaries`: the module boundaries of server/src, checked from the source (TypeScript's parser,
// no type-check, so it takes about a second). Exits 1 and prints `file:line:col rule message` for each:
//  - table:  a module's code (tests included) touches a table another module — or the platform — owns. Owners are
//            read from the code, never listed here: a module owns the tables its `*.tables.ts` declares (the
//            members of its `…Tables` interface) and those its migrations create; the platform owns those of
//            platform/db (schema.ts, migrations/). A touch is a Kysely call naming the table (selectFrom,
//            insertInto, updateTable, deleteFrom, the joins, the schema builder) or a `sql` template naming
//            it after from / join / into / update / table. A module's tests may read (selectFrom) the
//            platform's tables, to observe its records (audit log, jobs); they write none.
//  - import: a module imports another module other than through its index.ts; the platform imports a module.
//  - role:   code outside platform/auth/policy.ts compares role names (`x.role === 'qa'`, `['qa'].includes(role)`,
//            `switch (role)`, `.where('role', 'in', ['agent'])`): role decisions are policy actions.
//  - transaction: a context rebuilt by hand around a transaction — an object spreading a context with `db:` set to
//            the transaction (`{ ...ctx, db: trx }`, whatever the names) — anywhere in server code and tests.
//            `inTransaction(ctx, (tctx) => …)` hands the callback that context; it is the one way. A transaction is
//            the parameter of a callback given to `inTransaction` or to Kysely's `transaction().execute`, a value
//            from `startTransaction()`, or a parameter typed `Transaction<…>`; `db:` may be it or its `.db`.
//  - layout: (scripts/check-layout.mjs) a file name outside the module layout's suffix set, a `__tests__/` or layer
//            folder (enforced: LAYOUT_ENFORCED in check-layout.mjs).
// Usage: node scripts/check-boundaries.mjs [--root <src dir holding modules/ and platform/>] [--notes] [--layout]
// Without --root it checks server/src, and for the transaction rule also server/test, server/bench and server/scripts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { checkLayout, LAYOUT_ENFORCED } from './check-layout.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * TEMPORARY — role comparisons still present in modules that the authorization work (every role decision a
 * policy action) is removing. Each entry is a file relative to the source root and the comparison's text; the
 * list must be empty once that work has landed. Nothing else may be added here.
 */
const ROLE_ALLOWLIST = [
  ['modules/cases/clock.service.ts', "role === 'system'"],
  ['modules/cases/clock.service.ts', "role === 'payment_system'"],
  ['modules/cases/clock.service.ts', "role === 'anonymous'"],
  ['modules/contacts/handover.service.ts', "['qa', 'kb_editor'].includes(user.role)"],
  ['modules/contacts/stats.service.ts', "roles: ['agent', 'senior_agent', 'supervisor', 'dept_handler']"],
];

/**
 * Where role names are the subject rather than a decision: the policy itself and the user directory
 * (platform/auth), the demo users' seed, and the authorization matrix (a column per role).
 */
const ROLE_HOME = ['platform/auth/', 'platform/seed.ts', 'platform/http/authz-matrix'];

/**
 * Where a transaction's context is built: `inTransaction` itself, and the idempotent request, whose transaction is
 * opened by hand in one hook and committed in another, so no callback can hold it.
 */
const TX_CONTEXT_HOME = ['platform/db/dialect.ts', 'platform/http/idempotency.ts'];

const TABLE_CALLS = new Set([
  'selectFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'innerJoin',
  'leftJoin',
  'rightJoin',
  'fullJoin',
  'crossJoin',
  'innerJoinLateral',
  'leftJoinLateral',
  'crossJoinLateral',
  'createTable',
  'alterTable',
  'dropTable',
]);
const SQL_TABLE_WORDS = /\b(?:from|join|into|update|table|exists)\s+"?([a-z_][a-z0-9_]*)"?/gi;
const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

function walkFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walkFiles(p, out);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const parse = (file) =>
  ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

function visit(node, fn) {
  fn(node);
  ts.forEachChild(node, (child) => visit(child, fn));
}

const stringValue = (node) =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;

/** The role vocabulary: the contracts' staff roles and the actor kinds that stand in a role's place. */
function roleNames() {
  const names = new Set(['system', 'payment_system', 'anonymous']);
  const file = join(repo, 'packages/contracts/src/roles.ts');
  if (existsSync(file)) {
    visit(parse(file), (n) => {
      if (ts.isVariableDeclaration(n) && n.name.getText() === 'ROLES' && n.initializer) {
        visit(n.initializer, (e) => {
          const s = stringValue(e);
          if (s) names.add(s);
        });
      }
    });
  }
  return names;
}

/** Tables a set of files declares: members of `…Tables` interfaces, and `createTable('x')` in migrations. */
function tablesDeclaredIn(files) {
  const tables = new Set();
  for (const file of files) {
    visit(parse(file), (n) => {
      if (ts.isInterfaceDeclaration(n) && /Tables$/.test(n.name.text)) {
        for (const m of n.members) if (m.name) tables.add(m.name.getText().replace(/['"]/g, ''));
      }
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === 'createTable'
      ) {
        const s = stringValue(n.arguments[0]);
        if (s) tables.add(s);
      }
    });
  }
  return tables;
}

const unwrap = (e) => {
  while (
    e &&
    (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e))
  )
    e = e.expression;
  return e;
};

/** Whether a call chain goes through `.<name>(…)`: `db.transaction().setIsolationLevel(…).execute` has `transaction`. */
function chainCalls(e, name) {
  for (e = unwrap(e); e; e = unwrap(e)) {
    if (ts.isCallExpression(e)) {
      if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === name) return true;
      e = e.expression;
    } else if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else return false;
  }
  return false;
}

const bindingNames = (name, out = []) => {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const el of name.elements ?? []) if (!ts.isOmittedExpression(el)) bindingNames(el.name, out);
  return out;
};

/**
 * The hand-built transaction contexts of a file: objects that spread something and set `db:` to a transaction
 * (see the header). Transactions are found by their binding, so the names do not matter; a name is taken to be
 * the transaction anywhere inside the function (or block) that binds it.
 */
function handBuiltTransactionContexts(sf) {
  const bound = []; // { name, scope }
  const bind = (names, scope) => {
    for (const name of names) bound.push({ name, scope });
  };
  visit(sf, (n) => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      const opens =
        name === 'inTransaction' ||
        (name === 'execute' && ts.isPropertyAccessExpression(callee) && chainCalls(callee.expression, 'transaction'));
      if (opens)
        for (const arg of n.arguments)
          if ((ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) && arg.parameters[0])
            bind(bindingNames(arg.parameters[0].name), arg);
    }
    if (ts.isVariableDeclaration(n) && n.initializer && chainCalls(n.initializer, 'startTransaction')) {
      let scope = n.parent;
      while (scope && !ts.isBlock(scope) && !ts.isSourceFile(scope) && !ts.isFunctionLike(scope)) scope = scope.parent;
      bind(bindingNames(n.name), scope ?? sf);
    }
    if (ts.isParameter(n) && n.type && /^(?:\w+\.)?Transaction\b/.test(n.type.getText(sf)))
      bind(bindingNames(n.name), n.parent);
  });
  const isTransaction = (e) => {
    e = unwrap(e);
    if (e && ts.isPropertyAccessExpression(e) && e.name.text === 'db') e = unwrap(e.expression);
    if (!e || !ts.isIdentifier(e)) return false;
    const at = e.getStart(sf);
    return bound.some((b) => b.name === e.text && b.scope.getStart(sf) <= at && at < b.scope.getEnd());
  };
  const found = [];
  visit(sf, (n) => {
    if (!ts.isObjectLiteralExpression(n) || !n.properties.some((p) => ts.isSpreadAssignment(p))) return;
    const db = n.properties.find((p) => p.name && !ts.isComputedPropertyName(p.name) && p.name.text === 'db');
    const value =
      db && (ts.isShorthandPropertyAssignment(db) ? db.name : ts.isPropertyAssignment(db) ? db.initializer : undefined);
    if (value && isTransaction(value)) found.push(n);
  });
  return found;
}

export function checkBoundaries(root, { alsoScan = [] } = {}) {
  const modulesDir = join(root, 'modules');
  const platformDir = join(root, 'platform');
  const moduleNames = existsSync(modulesDir)
    ? readdirSync(modulesDir).filter((n) => statSync(join(modulesDir, n)).isDirectory())
    : [];
  const roles = roleNames();

  // Who owns which table.
  const owner = new Map();
  const claim = (table, who) => {
    if (!owner.has(table)) owner.set(table, who);
  };
  const platformSchema = [join(platformDir, 'db', 'schema.ts'), ...walkFiles(join(platformDir, 'db', 'migrations'))];
  for (const t of tablesDeclaredIn(platformSchema.filter(existsSync))) claim(t, 'platform');
  for (const m of moduleNames) {
    const files = walkFiles(join(modulesDir, m)).filter(
      (f) => f.endsWith('.tables.ts') || f.includes(`${sep}migrations${sep}`),
    );
    for (const t of tablesDeclaredIn(files)) claim(t, m);
  }

  const problems = [];
  const rel = (file) => relative(process.cwd(), file) || file;
  const report = (sf, node, rule, message) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    problems.push({ file: rel(sf.fileName), line: line + 1, col: character + 1, rule, message });
  };
  const moduleOf = (file) => {
    const r = relative(modulesDir, file);
    if (r.startsWith('..')) return undefined;
    const parts = r.split(sep);
    return parts.length > 1 ? parts[0] : undefined;
  };

  // Every file of the root (the module rules below apply to modules/ and platform/ only) and the extra folders.
  const files = [...new Set([...walkFiles(root), ...alsoScan.flatMap((d) => walkFiles(d))])];
  for (const file of files) {
    const mod = moduleOf(file);
    const inPlatform = !relative(platformDir, file).startsWith('..');
    const sf = parse(file);
    const relToRoot = relative(root, file).split(sep).join('/');
    if (!TX_CONTEXT_HOME.includes(relToRoot))
      for (const n of handBuiltTransactionContexts(sf))
        report(
          sf,
          n,
          'transaction',
          `builds a transaction's context by hand: ${n.getText(sf).replace(/\s+/g, ' ').slice(0, 80)}` +
            ' — use inTransaction(ctx, (tctx) => …), which hands the callback that context',
        );
    const consts = new Map();
    visit(sf, (n) => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && stringValue(n.initializer) !== undefined)
        consts.set(n.name.text, stringValue(n.initializer));
    });
    const tableArg = (arg) => {
      if (!arg) return [];
      if (ts.isArrayLiteralExpression(arg)) return arg.elements.flatMap(tableArg);
      if (ts.isAsExpression(arg) || ts.isParenthesizedExpression(arg)) return tableArg(arg.expression);
      const s = stringValue(arg) ?? (ts.isIdentifier(arg) ? consts.get(arg.text) : undefined);
      return s ? [{ node: arg, table: s.trim().split(/\s+/)[0] }] : [];
    };
    const isTest = /\.test\.[mc]?[jt]sx?$|[\\/]__tests__[\\/]/.test(file);
    const touch = (node, table, call) => {
      const who = owner.get(table);
      if (!mod || !who || who === mod) return;
      // A test observes the platform's records (the audit log, jobs, users): it may read them, never write.
      if (isTest && who === 'platform' && call === 'selectFrom') return;
      report(
        sf,
        node,
        'table',
        `module ${mod} touches table ${table}, owned by ${who === 'platform' ? 'the platform' : `module ${who}`}` +
          ` — call a function ${who === 'platform' ? 'the platform' : `${who}/index.ts`} exports`,
      );
    };

    visit(sf, (n) => {
      // Tables.
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
        const name = n.expression.name.text;
        if (TABLE_CALLS.has(name)) for (const { node, table } of tableArg(n.arguments[0])) touch(node, table, name);
        if (name === 'table' && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'sql')
          for (const { node, table } of tableArg(n.arguments[0])) touch(node, table);
      }
      if (ts.isTaggedTemplateExpression(n) && n.tag.getText(sf) === 'sql') {
        const t = n.template;
        const text = ts.isNoSubstitutionTemplateLiteral(t)
          ? t.text
          : [t.head.text, ...t.templateSpans.map((s) => ` \${} ${s.literal.text}`)].join('');
        for (const m of text.matchAll(SQL_TABLE_WORDS)) touch(n, m[1].toLowerCase());
      }

      // Imports.
      const spec =
        (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier
          ? n.moduleSpecifier
          : ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword
            ? n.arguments[0]
            : ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)
              ? n.argument.literal
              : undefined;
      const target = stringValue(spec);
      if (target?.startsWith('.')) {
        const to = resolve(dirname(file), target);
        const toModule = moduleOf(to);
        if (toModule && mod && toModule !== mod) {
          const viaIndex = relative(join(modulesDir, toModule), to).replace(/\.(ts|js)$/, '') === 'index';
          if (!viaIndex)
            report(sf, spec, 'import', `module ${mod} imports ${toModule} other than through ${toModule}/index.ts`);
        } else if (inPlatform && !relative(modulesDir, to).startsWith('..') && !file.includes('.test.')) {
          report(sf, spec, 'import', `the platform imports ${relative(root, to)}: the platform depends on no module`);
        }
      }

      // Role names.
      const relFile = relative(root, file).split(sep).join('/');
      if ((mod || inPlatform) && !ROLE_HOME.some((h) => relFile.startsWith(h))) {
        const roleish = (e) => {
          while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)))
            e = e.expression;
          if (!e) return false;
          const name = ts.isIdentifier(e)
            ? e.text
            : ts.isPropertyAccessExpression(e)
              ? e.name.text
              : ts.isElementAccessExpression(e)
                ? stringValue(e.argumentExpression)
                : undefined;
          return name !== undefined && /^(role|\w+Role|\w+_role)$/.test(name);
        };
        const roleLiterals = (e) => {
          const out = [];
          visit(e, (x) => {
            const s = stringValue(x);
            if (s && roles.has(s)) out.push(s);
          });
          return out;
        };
        let found;
        if (ts.isBinaryExpression(n) && EQUALITY.has(n.operatorToken.kind)) {
          if (
            (roleish(n.left) && roleLiterals(n.right).length) ||
            (roleish(n.right) && roleLiterals(n.left).length) ||
            (roleish(n.left) && roleish(n.right))
          )
            found = n.getText(sf);
        } else if (
          ts.isCallExpression(n) &&
          ts.isPropertyAccessExpression(n.expression) &&
          ['includes', 'has', 'indexOf'].includes(n.expression.name.text) &&
          roleish(n.arguments[0])
        ) {
          found = n.getText(sf);
        } else if (ts.isSwitchStatement(n) && roleish(n.expression)) {
          if (n.caseBlock.clauses.some((c) => ts.isCaseClause(c) && roleLiterals(c.expression).length))
            found = `switch (${n.expression.getText(sf)})`;
        } else if (
          ts.isPropertyAssignment(n) &&
          /^(roles|\w+Roles)$/.test(n.name.getText(sf)) &&
          roleLiterals(n.initializer).length
        ) {
          found = n.getText(sf);
        } else if (
          ts.isCallExpression(n) &&
          ts.isPropertyAccessExpression(n.expression) &&
          /^(where|orWhere|having)$/.test(n.expression.name.text) &&
          /^(\w+\.)?role$/.test(stringValue(n.arguments[0]) ?? '') &&
          n.arguments.length >= 3 &&
          roleLiterals(n.arguments[2]).length
        ) {
          found = n.getText(sf);
        }
        if (found) {
          const text = found.replace(/\s+/g, ' ');
          if (!ROLE_ALLOWLIST.some(([f, t]) => f === relFile && t === text))
            report(
              sf,
              n,
              'role',
              `compares role names outside the policy: ${text.slice(0, 80)}` +
                ' — decide with can()/authorize() and a policy.ts action',
            );
        }
      }
    });
  }
  return { problems, owner, modules: moduleNames };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? resolve(process.argv[i + 1]) : join(repo, 'server', 'src');
  const alsoScan = i > 0 ? [] : ['test', 'bench', 'scripts'].map((d) => join(repo, 'server', d));
  const { problems, owner, modules } = checkBoundaries(root, { alsoScan });
  for (const p of problems) process.stdout.write(`${p.file}:${p.line}:${p.col} ${p.rule} ${p.message}\n`);
  // The module layout (scripts/check-layout.mjs): a failure while LAYOUT_ENFORCED, else a note (--layout lists them).
  const layout = checkLayout(root);
  if (layout.length > 0) {
    if (LAYOUT_ENFORCED || process.argv.includes('--layout'))
      for (const f of layout) process.stdout.write(`${f.file} layout/${f.rule} ${f.message}\n`);
    if (LAYOUT_ENFORCED) problems.push(...layout);
    else
      process.stdout.write(
        `note: ${layout.length} file(s) outside the module layout (report-only; --layout lists them)\n`,
      );
  }
  if (problems.length > 0) {
    process.stdout.write(`\n✖ ${problems.length} boundary violation(s)\n`);
    process.exit(1);
  }
  process.stdout.write(`✔ module boundaries hold (${modules.length} modules, ${owner.size} tables)\n`);
}
