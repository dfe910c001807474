/**
 * CLI conventions (issue 14): `--version` / `updops version` print the installed package's version,
 * and `updops completion bash|zsh|fish` prints a script generated from the command tree that the
 * shell really completes with — bash by calling its function with COMP_WORDS/COMP_CWORD, fish with
 * `complete -C`, zsh with its completion builtins replaced by recorders (a real zle needs a terminal).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import t, { type Test } from 'tap';
import { completionScript } from '../../src/cli/completion.js';
import { ROOT, runCli } from '../helpers/processes.js';
import { tempDirSync } from '../helpers/temp-dir.js';

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const dir = tempDirSync(t);

function has(shell: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;
}

async function script(t: Test, shell: string): Promise<string> {
  const res = await runCli(['completion', shell], { t });
  t.equal(res.code, 0, `completion ${shell} exits 0 (${res.stderr})`);
  const file = path.join(dir, `updops.${shell}`);
  writeFileSync(file, res.stdout);
  return file;
}

void t.test('--version and version print the version in package.json', async (t) => {
  for (const args of [['--version'], ['-V'], ['version']]) {
    const res = await runCli(args, { t });
    t.equal(res.code, 0, args.join(' '));
    t.equal(res.stdout, `${VERSION}\n`, `${args.join(' ')} prints ${VERSION}`);
    t.equal(res.stderr, '');
  }
});

void t.test('completion of an unknown shell is one clear error, exit 1', async (t) => {
  const res = await runCli(['completion', 'tcsh'], { t });
  t.equal(res.code, 1);
  t.match(res.stderr, /tcsh.*invalid.*bash, zsh, fish/);
});

void t.test('the script follows the command tree: a new command and option appear without other code', async (t) => {
  const program = new Command('demo');
  program.command('frobnicate').description('frob it').option('--level <n>', 'how hard');
  const bash = completionScript(program, 'bash');
  t.match(bash, /'' *\) printf '%s\\n' 'frobnicate'/);
  t.match(bash, /'frobnicate'\) printf '%s\\n' '--level'/, '--level is known to take a value');
  t.match(completionScript(program, 'fish'), /complete -c demo -n '__demo_at frobnicate' -l level -r -d 'how hard'/);
});

const BASH_CASES: [string[], string][] = [
  [['updops', 'pl'], 'plan'],
  [['updops', 'keys', ''], 'generate rotate help'],
  [['updops', 'keys', 'rotate', '--r'], '--role --repo'],
  // --state takes a value, so "keys" after it is that value, not the keys command.
  [['updops', '--debug', 'plan', '--state', 'keys', '--f'], '--format'],
  [['updops', 'completion', ''], 'bash zsh fish'],
  // An option with choices completes them.
  [['updops', 'controller', '--log-format', ''], 'json text'],
  [['updops', 'help', 'sta'], 'status'],
  [['updops', 'run', 'Download hq', '--w'], '--wait'],
  // Unknown (a file name): nothing, so `complete -o default` falls back to file names.
  [['updops', 'plan', '--state', ''], ''],
  [['updops', 'validate', ''], ''],
];

void t.test('bash: sourcing the script and calling its function completes commands, subcommands and options', { skip: !has('bash') && 'no bash' }, async (t) => {
  const file = await script(t, 'bash');
  const calls = BASH_CASES.map(([words]) => `t ${words.map((w) => `'${w}'`).join(' ')}`).join('\n');
  const res = spawnSync('bash', ['-c', `source '${file}'\nt() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMPREPLY=(); _updops; echo "\${COMPREPLY[*]}"; }\n${calls}\ncomplete -p updops`], { encoding: 'utf8' });
  t.equal(res.stderr, '', 'no shell errors');
  const lines = res.stdout.split('\n');
  BASH_CASES.forEach(([words, expected], i) => t.equal(lines[i], expected, words.join(' ')));
  t.equal(lines[BASH_CASES.length], 'complete -o default -F _updops updops');
});

void t.test('fish: complete -C gives the same answers, with descriptions', { skip: !has('fish') && 'no fish' }, async (t) => {
  const file = await script(t, 'fish');
  t.equal(spawnSync('fish', ['-n', file]).status, 0, 'the script parses');
  const ask = (line: string): string[] => spawnSync('fish', ['-c', `source '${file}'; complete -C '${line}'`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
  t.same(ask('updops keys '), ['generate', 'help', 'rotate']);
  t.same(ask('updops keys rotate --r'), ['--repo', '--role']);
  t.same(ask('updops --debug plan --state keys --f'), ['--format']);
  t.same(ask('updops completion '), ['bash', 'fish', 'zsh']);
  t.same(ask('updops agent --log-format '), ['json', 'text']);
  t.ok(ask('updops ').includes('controller'));
  t.ok(ask(`updops plan --state ${dir}/updops.f`).includes(`${dir}/updops.fish`), 'file names where a path is expected');
});

void t.test('zsh: the script parses and its function offers what bash does, with descriptions', { skip: !has('zsh') && 'no zsh' }, async (t) => {
  const file = await script(t, 'zsh');
  t.equal(spawnSync('zsh', ['-n', file]).status, 0, 'the script parses');
  const recorders = `compdef() { print -r -- "compdef $*"; }
_describe() { local arr=$4; print -r -- "describe ${'$'}{(j:|:)${'$'}{(P)arr}}"; }
compadd() { print -r -- "compadd ${'$'}{(j:|:)${'$'}{(P)2}}"; }
_files() { print -r -- files; }
t() { words=("$@"); CURRENT=$#; _updops; }`;
  const res = spawnSync('zsh', ['-c', `${recorders}\nsource '${file}'\nt updops keys ''\nt updops keys rotate --ro\nt updops completion ''\nt updops controller --log-format ''\nt updops plan --state ''\nt updops validate ''\nprint -r -- "PATH $PATH"`], { encoding: 'utf8' });
  t.equal(res.stderr, '');
  const lines = res.stdout.split('\n');
  t.equal(lines[0], 'compdef _updops updops');
  t.match(lines[1], /^describe generate:write ed25519 keys.*\|rotate:replace one role's key.*\|help:/);
  t.match(lines[2], /^describe --role:root, targets, snapshot or timestamp\|/);
  t.equal(lines[3], 'compadd bash|zsh|fish');
  t.equal(lines[4], 'compadd json|text');
  t.equal(lines[5], 'files');
  t.equal(lines[6], 'files');
  t.equal(lines[7], `PATH ${process.env.PATH ?? ''}`, 'PATH is untouched (zsh ties $path to it)');
});

void t.test('zsh: in a real interactive zsh (zpty, compinit), TAB completes the line', { skip: !has('zsh') && 'no zsh' }, async (t) => {
  const file = await script(t, 'zsh');
  const typed: [string, string][] = [
    ['updops keys ro', 'updops keys rotate'],
    ['updops controller --log-f', 'updops controller --log-format'],
    ['updops controller --log-format te', 'updops controller --log-format text'],
    ['updops completion fi', 'updops completion fish'],
  ];
  // Each line is typed with a TAB, then Enter (updops is a no-op function there), so the completed line is echoed.
  const driver = `zmodload zsh/zpty
zpty z 'TERM=dumb zsh -f -i'
zpty -w z 'PS1="> "; autoload -Uz compinit && compinit -u -D; source ${file}; updops() { :; }'
${typed.map(([line]) => `zpty -w -n z $'${line}\\t'\nsleep 0.5\nzpty -w -n z $'\\r'\nsleep 0.3`).join('\n')}
zpty -w z 'print END-OF-TEST'
out=''
for i in {1..50}; do
  while zpty -r -t z chunk; do out+=$chunk; done
  [[ $out == *END-OF-TEST*'>'* ]] && break
  sleep 0.1
done
print -r -- "$out"
zpty -d z`;
  const res = spawnSync('zsh', ['-f', '-c', driver], { encoding: 'utf8', timeout: 30_000 });
  for (const [line, completed] of typed) t.ok(res.stdout.includes(completed), `${line}<TAB> → ${completed}`);
  t.notMatch(res.stdout, /command not found|no such file/i, 'no errors while completing');
});


void t.test('bash: in a real interactive bash (a pty from script(1)), TAB completes the line', { skip: (!has('bash') || !has('script')) && 'no bash or script' }, async (t) => {
  const file = await script(t, 'bash');
  const typed: [string, string][] = [
    ['updops keys ro', 'updops keys rotate'],
    ['updops controller --log-format te', 'updops controller --log-format text'],
    ['updops --debug pl', 'updops --debug plan'],
  ];
  // Keys are typed one step at a time, as a person would; Enter runs the line (updops is a no-op function there).
  const keys = [`source '${file}'; updops() { :; }\r`, ...typed.flatMap(([line]) => [`${line}\t`, '\r']), 'exit\r'];
  const feed = keys.map((k) => `sleep 0.4; printf '%s' ${JSON.stringify(k).replace(/\\t/g, '\t').replace(/\\r/g, '\r')}`).join('; ');
  const res = spawnSync('bash', ['-c', `(${feed}) | script -qfc 'bash --norc --noprofile -i' /dev/null`], { encoding: 'utf8', timeout: 30_000 });
  for (const [line, completed] of typed) t.ok(res.stdout.includes(completed), `${line}<TAB> → ${completed}`);
  t.notMatch(res.stdout, /command not found/, 'no errors while completing');
});
