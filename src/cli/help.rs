//! The command line's help in the user's language. clap's derive takes help texts from doc
//! comments at compile time, so the tree is walked at run time and each text is replaced by its
//! translation: `cli-help` for the program, `cli-help-<command>[-<subcommand>...]` for a command's
//! summary and `<that>--<argument>` for an argument (ids with `_` spelt `-`, as Fluent wants).
//! A key missing from the files leaves the English doc comment in place.

use clap::Command;

/// `command` with every summary and argument help the translation files have.
pub fn localized(command: Command) -> Command {
    localize(command, "cli-help")
}

fn localize(mut command: Command, key: &str) -> Command {
    if let Some(text) = translation(key) {
        command = command.about(text);
    }
    let arguments: Vec<String> = command.get_arguments().map(|arg| arg.get_id().to_string()).collect();
    for id in arguments {
        if let Some(text) = translation(&argument_key(key, &id)) {
            command = command.mut_arg(id, |arg| arg.help(text));
        }
    }
    let subcommands: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_string()).collect();
    for name in subcommands {
        let sub_key = subcommand_key(key, &name);
        command = command.mut_subcommand(name, |sub| localize(sub, &sub_key));
    }
    command
}

fn subcommand_key(command_key: &str, name: &str) -> String {
    format!("{command_key}-{name}")
}

fn argument_key(command_key: &str, id: &str) -> String {
    format!("{command_key}--{}", id.replace('_', "-"))
}

fn translation(key: &str) -> Option<String> {
    crate::i18n::LOADER.has(key).then(|| crate::i18n::LOADER.get(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every help text of the command tree, with the key it is translated under.
    fn texts(command: &Command, key: &str, out: &mut Vec<(String, String)>) {
        out.push((key.to_string(), command.get_about().map(|t| t.to_string()).unwrap_or_default()));
        for arg in command.get_arguments() {
            let help = arg.get_help().map(|t| t.to_string()).unwrap_or_default();
            out.push((argument_key(key, arg.get_id().as_str()), help));
        }
        for sub in command.get_subcommands() {
            texts(sub, &subcommand_key(key, sub.get_name()), out);
        }
    }

    #[test]
    fn every_help_text_has_a_translation() {
        let mut all = Vec::new();
        texts(&crate::cli::Cli::command(), "cli-help", &mut all);
        let missing: Vec<String> = all
            .iter()
            .filter(|(key, text)| !text.is_empty() && !crate::i18n::LOADER.has(key))
            .map(|(key, text)| format!("{key} = {text}"))
            .collect();
        assert!(missing.is_empty(), "help texts without a key:\n{}", missing.join("\n"));
    }
}
