/**
 * `updops completion bash|zsh|fish`: a completion script generated from the commander tree itself
 * (commands, subcommands, options, choices), so a new command or option completes without touching
 * this file. The scripts are static: pressing TAB runs no node process. Where nothing is known
 * (a folder, a file, a task name) they fall back to the shell's file completion.
 *
 * Every script has the same shape: a few lookup functions generated from the tree, keyed by the
 * command path ("", "keys", "keys rotate"), and one function that walks the words typed so far —
 * skipping options and the values of options that take one — to find that path.
 *
 * (@bomb.sh/tab does this for commander, but its scripts call the CLI on every TAB and turn off
 * file completion everywhere, even for `--state <file>`: a worse shell than none.)
 */
import type { Command } from 'commander';
import { UpdopsError } from '../errors.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

interface OptionSpec {
  long: string | undefined;
  short: string | undefined;
  takesValue: boolean;
  choices: readonly string[];
  description: string;
}

interface CommandSpec {
  path: string;
  subcommands: { name: string; description: string }[];
  options: OptionSpec[];
  /** Choices of the first positional argument, when commander knows them. */
  argumentChoices: readonly string[];
}

/** Every command reachable from `program`, as help shows them (hidden ones left out). */
export function commandSpecs(program: Command): CommandSpec[] {
  const specs: CommandSpec[] = [];
  const visit = (command: Command, path: string): void => {
    const help = command.createHelp();
    const children = help.visibleCommands(command);
    specs.push({
      path,
      subcommands: children.map((c) => ({ name: c.name(), description: c.description() })),
      options: help.visibleOptions(command).map((o) => ({
        long: o.long,
        short: o.short,
        takesValue: o.required || o.optional,
        choices: o.argChoices ?? [],
        description: o.description,
      })),
      argumentChoices: command.registeredArguments[0]?.argChoices ?? [],
    });
    // The implicit `help` command has no tree of its own: it completes command names.
    for (const child of children) if (child.name() !== 'help' || command.commands.includes(child)) visit(child, path ? `${path} ${child.name()}` : child.name());
  };
  visit(program, '');
  const root = specs[0];
  if (root && root.subcommands.some((s) => s.name === 'help')) {
    const names = root.subcommands.filter((s) => s.name !== 'help').map((s) => s.name);
    specs.push({ path: 'help', subcommands: [], options: [], argumentChoices: names });
  }
  return specs;
}

function flagsOf(option: OptionSpec): string[] {
  return [option.long, option.short].filter((f): f is string => f !== undefined);
}

/** A word safe inside single quotes in every one of the three shells. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** One line of help text: descriptions may hold anything, completion menus want one short line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `case "$1" in PATH) echo WORDS ;; esac` for bash and zsh (the syntax is the same in both). */
function caseFunction(name: string, specs: CommandSpec[], words: (spec: CommandSpec) => string[]): string {
  const arms = specs
    .map((spec) => ({ spec, list: words(spec) }))
    .filter(({ list }) => list.length > 0)
    .map(({ spec, list }) => `    ${quote(spec.path)}) printf '%s\\n' ${list.map(quote).join(' ')} ;;`);
  return [`${name}() {`, '  case "$1" in', ...arms, '  esac', '}'].join('\n');
}

function choiceFunction(name: string, specs: CommandSpec[]): string {
  const arms: string[] = [];
  for (const spec of specs) {
    for (const option of spec.options) {
      if (option.choices.length === 0) continue;
      for (const flag of flagsOf(option)) arms.push(`    ${quote(`${spec.path}|${flag}`)}) printf '%s\\n' ${option.choices.map(quote).join(' ')} ;;`);
    }
  }
  return [`${name}() {`, '  case "$1|$2" in', ...arms, '  esac', '}'].join('\n');
}

const valueFlags = (spec: CommandSpec): string[] => spec.options.filter((o) => o.takesValue).flatMap(flagsOf);
const allFlags = (spec: CommandSpec): string[] => spec.options.flatMap(flagsOf);
const subcommandNames = (spec: CommandSpec): string[] => spec.subcommands.map((s) => s.name);

/** The functions bash and zsh share: the tree as lookups, and the walk that finds the command path. */
function sharedShellFunctions(name: string, specs: CommandSpec[]): string {
  return [
    caseFunction(`__${name}_subcommands`, specs, subcommandNames),
    caseFunction(`__${name}_value_options`, specs, valueFlags),
    caseFunction(`__${name}_options`, specs, allFlags),
    caseFunction(`__${name}_argument_choices`, specs, (s) => [...s.argumentChoices]),
    choiceFunction(`__${name}_option_choices`, specs),
    `# True when the word $1 is one of the lines that the lookup $2 prints for the command path $3 (no grep per TAB).
__${name}_has() {
  [[ $'\\n'"$($2 "$3")"$'\\n' == *$'\\n'"$1"$'\\n'* ]]
}

# Sets cmd_path (the command typed so far) and pending (the option whose value is being typed) from the words before the cursor.
# (Not "path": in zsh that is the array tied to PATH.)
__${name}_walk() {
  cmd_path='' pending=''
  local word
  for word in "$@"; do
    if [[ -n $pending ]]; then pending=''; continue; fi
    case $word in
      --*=*) ;;
      -*) if __${name}_has "$word" __${name}_value_options "$cmd_path"; then pending=$word; fi ;;
      *) if __${name}_has "$word" __${name}_subcommands "$cmd_path"; then cmd_path=\${cmd_path:+$cmd_path }$word; fi ;;
    esac
  done
}`,
  ].join('\n\n');
}

function bashScript(name: string, specs: CommandSpec[]): string {
  return `# bash completion for ${name}, generated by \`${name} completion bash\`.
# Load it with: source <(${name} completion bash)   (or save it under ~/.local/share/bash-completion/completions/${name})

${sharedShellFunctions(name, specs)}

_${name}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd_path pending words
  __${name}_walk "\${COMP_WORDS[@]:1:COMP_CWORD-1}"
  local IFS=$'\\n'
  if [[ -n $pending ]]; then
    words=$(__${name}_option_choices "$cmd_path" "$pending")
  elif [[ $cur == -* ]]; then
    words=$(__${name}_options "$cmd_path")
  else
    words=$(__${name}_subcommands "$cmd_path"; __${name}_argument_choices "$cmd_path")
  fi
  # Nothing known (a file, a folder, a name): -o default lets bash complete file names.
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o default -F _${name} ${name}
`;
}

function zshDescriptions(name: string, specs: CommandSpec[]): string {
  const escape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
  const subs = caseFunction(`__${name}_subcommand_descriptions`, specs, (s) => s.subcommands.map((c) => `${escape(c.name)}:${escape(oneLine(c.description))}`));
  const opts = caseFunction(`__${name}_option_descriptions`, specs, (s) => s.options.flatMap((o) => flagsOf(o).map((f) => `${escape(f)}:${escape(oneLine(o.description))}`)));
  return `${subs}\n\n${opts}`;
}

function zshScript(name: string, specs: CommandSpec[]): string {
  return `#compdef ${name}
# zsh completion for ${name}, generated by \`${name} completion zsh\`.
# Load it with: source <(${name} completion zsh)   (or save it as _${name} in a folder of $fpath)

${sharedShellFunctions(name, specs)}

${zshDescriptions(name, specs)}

_${name}() {
  local cmd_path pending
  local -a entries
  __${name}_walk "\${(@)words[2,CURRENT-1]}"
  if [[ -n $pending ]]; then
    entries=(\${(f)"$(__${name}_option_choices "$cmd_path" "$pending")"})
    if (( \${#entries} )); then compadd -a entries; else _files; fi
  elif [[ \${words[CURRENT]} == -* ]]; then
    entries=(\${(f)"$(__${name}_option_descriptions "$cmd_path")"})
    _describe -t options option entries
  else
    entries=(\${(f)"$(__${name}_subcommand_descriptions "$cmd_path")"})
    if (( \${#entries} )); then
      _describe -t commands command entries
    else
      entries=(\${(f)"$(__${name}_argument_choices "$cmd_path")"})
      if (( \${#entries} )); then compadd -a entries; else _files; fi
    fi
  fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _${name} "$@"
else
  compdef _${name} ${name}
fi
`;
}

function fishScript(name: string, specs: CommandSpec[]): string {
  const lines: string[] = [];
  const caseOf = (fn: string, words: (spec: CommandSpec) => string[]): string => {
    const arms = specs
      .map((spec) => ({ spec, list: words(spec) }))
      .filter(({ list }) => list.length > 0)
      .map(({ spec, list }) => `    case ${fishQuote(spec.path)}\n      printf '%s\\n' ${list.map(fishQuote).join(' ')}`);
    return [`function ${fn}`, '  switch "$argv[1]"', ...arms, '  end', 'end'].join('\n');
  };
  lines.push(caseOf(`__${name}_subcommands`, subcommandNames), caseOf(`__${name}_value_options`, valueFlags));
  lines.push(`# The command typed so far ("", "keys", "keys rotate"): options and their values skipped.
function __${name}_path
  set -l path ''
  set -l skip 0
  for word in (commandline -opc)[2..-1]
    if test $skip = 1
      set skip 0
      continue
    end
    switch $word
      case '--*=*'
      case '-*'
        if contains -- $word (__${name}_value_options "$path")
          set skip 1
        end
      case '*'
        if contains -- $word (__${name}_subcommands "$path")
          set path (string trim -- "$path $word")
        end
    end
  end
  echo $path
end

function __${name}_at
  set -l path (__${name}_path)
  test "$path" = "$argv"
end`);
  for (const spec of specs) {
    const at = fishQuote(`__${name}_at ${spec.path}`.trimEnd());
    // A command with subcommands takes no file names; anything else keeps fish's file completion.
    if (spec.subcommands.length > 0) lines.push(`complete -c ${name} -n ${at} -f`);
    for (const sub of spec.subcommands) lines.push(`complete -c ${name} -n ${at} -a ${fishQuote(sub.name)} -d ${fishQuote(oneLine(sub.description))}`);
    if (spec.argumentChoices.length > 0) lines.push(`complete -c ${name} -n ${at} -f -a ${fishQuote(spec.argumentChoices.join(' '))}`);
    for (const option of spec.options) {
      const flags = [option.long ? `-l ${option.long.replace(/^--/, '')}` : '', option.short ? `-s ${option.short.replace(/^-/, '')}` : ''].filter(Boolean).join(' ');
      const value = option.choices.length > 0 ? ` -x -a ${fishQuote(option.choices.join(' '))}` : option.takesValue ? ' -r' : '';
      lines.push(`complete -c ${name} -n ${at} ${flags}${value} -d ${fishQuote(oneLine(option.description))}`);
    }
  }
  return `# fish completion for ${name}, generated by \`${name} completion fish\`.
# Load it with: ${name} completion fish | source   (or save it as ~/.config/fish/completions/${name}.fish)

${lines.join('\n')}
`;
}

export function completionScript(program: Command, shell: string): string {
  const specs = commandSpecs(program);
  const name = program.name();
  switch (shell) {
    case 'bash':
      return bashScript(name, specs);
    case 'zsh':
      return zshScript(name, specs);
    case 'fish':
      return fishScript(name, specs);
    default:
      throw new UpdopsError('USAGE', `no completion for shell "${shell}"; choose one of ${SHELLS.join(', ')}`);
  }
}

/** `updops completion SHELL`: the script on stdout, for `source <(…)` or a completions folder. */
export function completionCommand(program: Command, shell: string): number {
  process.stdout.write(completionScript(program, shell));
  return 0;
}
